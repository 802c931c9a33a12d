"""Published results: the snapshot, its files, the draws that settled ties, the publishing job."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResultSnapshot(models.Model):
    """A counted result as published: figures, the ballots they came from, and how to check.

    `ballots` is the open-data document (voting.services.results.open_data): rules,
    options and every anonymised ballot. `ballots_checksum` and `csv_checksum` are SHA-256
    of the JSON and CSV files exactly as served, so anyone can check a download.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    method = models.CharField(_("voting method"), max_length=10)
    computed_at = models.DateTimeField(_("counted at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code_version = models.CharField(_("code version"), max_length=64)
    ballots_checksum = models.CharField(_("SHA-256 of the ballots (JSON)"), max_length=64)
    csv_checksum = models.CharField(_("SHA-256 of the ballots (CSV)"), max_length=64)
    figures = models.JSONField(_("figures"))
    ballots = models.JSONField(_("anonymised ballots"))

    class Meta:
        db_table = "consultations_resultsnapshot"
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["-computed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(published_at__isnull=False),
                name="consultations_one_published_result",
            )
        ]

    def __str__(self):
        return f"{self.consultation} ({self.computed_at:%Y-%m-%d})"


class ResultFile(models.Model):
    """A published ballots file (JSON or CSV), stored as the bytes served at publication.

    The downloads and the export stream these bytes instead of decoding the whole ballots
    document and writing the file again for every request (tens of megabytes of Python
    objects at 20,000 ballots); their SHA-256 is the snapshot's checksum.
    """

    class Format(models.TextChoices):
        JSON = "json", "JSON"
        CSV = "csv", "CSV"

    snapshot = models.ForeignKey(
        ResultSnapshot,
        verbose_name=_("result"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    content = models.BinaryField(_("content"))

    class Meta:
        db_table = "consultations_resultfile"
        verbose_name = _("published ballots file")
        verbose_name_plural = _("published ballots files")
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "format"], name="consultations_one_file_per_format"
            )
        ]

    def __str__(self):
        return f"{self.snapshot_id}.{self.format}"


class TieDraw(models.Model):
    """The protocol of a public draw by lot that settled a tie deciding the result.

    Staff of the centre enter it before publishing; its `order` (the proposals in the order
    drawn) goes into the published ballot file, so that anyone's recount reproduces it.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="tie_draws",
    )
    # The budget pool of the tie ("" in an approval vote) and the equal votes (or points).
    pool = models.CharField(_("pool"), max_length=40, blank=True)
    votes = models.PositiveIntegerField(_("equal number of votes (or points)"))
    order = models.JSONField(_("proposals in the order drawn"))
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.CharField(_("who drew"), max_length=200)
    witnesses = models.TextField(_("witnesses"))
    place = models.CharField(_("place of the draw"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        db_table = "consultations_tiedraw"
        verbose_name = _("draw by lot")
        verbose_name_plural = _("draws by lot")
        ordering = ["drawn_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "pool", "votes"], name="consultations_one_draw_per_tie"
            )
        ]

    def __str__(self):
        return f"{self.consultation_id}: {self.pool or '-'} {self.votes} ({self.drawn_at:%Y-%m-%d})"

    def protocol(self) -> dict:
        """The draw as the ballot file publishes it."""
        item = {
            "votes": self.votes,
            "order": list(self.order),
            "drawn_at": self.drawn_at.isoformat(),
            "drawn_by": self.drawn_by,
            "witnesses": self.witnesses,
            "place": self.place,
        }
        if self.pool:
            item["pool"] = self.pool
        return item


class PublishJob(models.Model):
    """Publishing a result, run by the task worker (voting.services.publishing).

    One job at a time per consultation (a constraint): two officials asking at once share it.
    `result` is set in the transaction that publishes, so a job run again after its worker
    died finds the result it already published instead of publishing twice.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("being counted")
        DONE = "done", _("published")
        REFUSED = "refused", _("refused")
        FAILED = "failed", _("failed")

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="publish_jobs",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default="queued")
    steps_done = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps_total = models.PositiveSmallIntegerField(_("steps in total"), default=0)
    message = models.TextField(_("why it was refused"), blank=True)
    result = models.ForeignKey(
        ResultSnapshot,
        verbose_name=_("result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("publishing of a result")
        verbose_name_plural = _("publishing of results")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation"],
                condition=Q(state__in=["queued", "running"]),
                name="voting_one_unfinished_publish_job",
            )
        ]

    def __str__(self):
        return f"{self.consultation_id} #{self.pk} ({self.state})"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return self.steps_done * 100 // self.steps_total if self.steps_total else 0

    @property
    def is_finished(self) -> bool:
        return self.state not in (self.State.QUEUED, self.State.RUNNING)
