"""A large export written in the background, and where its file is once ready."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    """Export files may hold personal data: they never live under the public MEDIA_ROOT."""
    return storages["private"]


def export_file_path(job, filename: str) -> str:
    # A random folder: the file name alone never lets anyone guess another export's address.
    return f"exports/{uuid.uuid4().hex}/{filename}"


class ExportJob(models.Model):
    """One requested export of a consultation's data, run as a background task."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being prepared")
        READY = "ready", _("ready to download")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("deleted after the retention period")

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    kind = models.CharField(_("export"), max_length=40)
    format = models.CharField(_("format"), max_length=16)
    include_contact = models.BooleanField(
        _("with contact data of consenting authors"), default=False
    )
    language = models.CharField(_("language"), max_length=8, default="pl")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="queued")
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in total"), default=0)
    file = models.FileField(
        _("file"), upload_to=export_file_path, storage=private_storage, blank=True
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        db_table = "consultations_exportjob"
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.kind} ({self.format}) #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.state == self.State.READY else 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.READY, self.State.FAILED, self.State.EXPIRED)
