"""Who may export, the audit trail, and the background jobs for large exports."""

from __future__ import annotations

import datetime
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task
from wagtail.log_actions import log

from accounts import roles
from accounts.notifications import send_user_email
from consultations.models import ConsultationPage
from home.links import absolute_url
from outcomes.exports import registry
from outcomes.exports.base import Export, Options
from outcomes.exports.writers import EXTENSIONS, write_file
from outcomes.models import ExportJob

logger = logging.getLogger(__name__)

# Officials of a centre hold this permission there; so do superusers everywhere.
EXPORT_PERMISSION = "proposals.view_proposal"


def background_threshold() -> int:
    return getattr(settings, "MAM_EXPORT_BACKGROUND_ROWS", 5000)


def retention_days() -> int:
    return getattr(settings, "MAM_EXPORT_RETENTION_DAYS", 7)


def may_export(user, consultation: ConsultationPage) -> bool:
    """Staff of the consultation's centre (officials) and superusers; nobody else."""
    centre = consultation.centre
    return centre is not None and roles.is_staff_for(user, EXPORT_PERMISSION, centre)


def may_include_contact(user) -> bool:
    """Only administrators may add the contact data that consenting authors shared."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()


def filename(consultation: ConsultationPage, export: Export, export_format: str) -> str:
    day = timezone.localdate().isoformat()
    return f"{consultation.slug}-{export.name}-{day}.{EXTENSIONS[export_format]}"


def log_export(
    *, consultation: ConsultationPage, export: Export, export_format: str, user, options
):
    """Record every export in the consultation's history; contact data gets its own action."""
    action = "mam.export.contact_data" if options.include_contact else "mam.export"
    log(
        consultation,
        action,
        user=user,
        data={"export": export.name, "format": export_format, "contact": options.include_contact},
    )


def start_job(
    *, consultation: ConsultationPage, export: Export, export_format: str, options: Options, by
) -> ExportJob:
    """Queue a large export; the requester gets an email and the status page a link."""
    job = ExportJob.objects.create(
        consultation=consultation,
        kind=export.name,
        format=export_format,
        include_contact=options.include_contact,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        requested_by=by,
        rows_total=export.count(consultation, options),
    )
    run_export_job.enqueue(job_id=job.pk)
    return job


def job_claim(*, job_id: int) -> ExportJob | None:
    """Start (or start over) a queued job; None when an earlier run already finished it."""
    job = ExportJob.objects.select_related("consultation", "requested_by").get(pk=job_id)
    unfinished = (ExportJob.State.QUEUED, ExportJob.State.RUNNING)
    claimed = ExportJob.objects.filter(pk=job.pk, state__in=unfinished).update(
        state=ExportJob.State.RUNNING, rows_done=0
    )
    return job if claimed else None


def job_fail(*, job: ExportJob) -> None:
    """Mark a running job failed (its worker logged why)."""
    ExportJob.objects.filter(pk=job.pk, state=ExportJob.State.RUNNING).update(
        state=ExportJob.State.FAILED, finished_at=timezone.now()
    )


@task()
def run_export_job(*, job_id: int) -> None:
    """Write the export's file; run again (its worker died), it starts over and ends once."""
    job = job_claim(job_id=job_id)
    if job is None:
        return
    consultation = job.consultation
    export = registry.get(job.kind)
    options = Options(include_contact=job.include_contact)

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    try:
        with translation.override(job.language), tempfile.TemporaryFile() as target:
            write_file(
                job.format,
                export.columns(consultation, options),
                export.rows(consultation, options),
                target,
                title=str(export.label()),
                progress=progress,
            )
            target.seek(0)
            job.file.save(filename(consultation, export, job.format), File(target), save=False)
    except Exception:
        logger.exception("Export job %s failed", job.pk)
        job_fail(job=job)
        return
    job_finish(job=job, label=str(export.label()))


def job_finish(*, job: ExportJob, label: str) -> bool:
    """Mark a job ready with its saved file and queue the email to the requester, together.

    Only the run that finishes first does: another one (started again by a recovery while
    the first was still running) deletes its copy of the file. Returns whether it finished it.
    """
    with transaction.atomic():
        finished = ExportJob.objects.filter(pk=job.pk, state=ExportJob.State.RUNNING).update(
            state=ExportJob.State.READY, file=job.file.name, finished_at=timezone.now()
        )
        if not finished:
            job.file.delete(save=False)
            return False
        if job.requested_by:
            send_user_email(
                job.requested_by,
                "outcomes/email/export_ready",
                {
                    "consultation": job.consultation,
                    "export_label": label,
                    "status_url": absolute_url(reverse("outcomes_exports:job", args=[job.pk])),
                },
            )
    return True


def clear_old_exports(*, now: datetime.datetime | None = None, days: int | None = None) -> int:
    """Delete the files of exports older than the retention period; return how many."""
    now = now or timezone.now()
    days = retention_days() if days is None else days
    cleared = 0
    for job in ExportJob.objects.filter(created_at__lt=now - datetime.timedelta(days=days)).exclude(
        state=ExportJob.State.EXPIRED
    ):
        if job.file:
            job.file.delete(save=False)
        job.state = ExportJob.State.EXPIRED
        job.save(update_fields=["state", "file"])
        cleared += 1
    return cleared
