"""Publishing a result in the background: the admin's "publish" starts a job on the worker.

`publish_start` runs the checks (the paper protocol, and for votes whose ties are drawn by
lot the deciding ties) and queues `run_publish_job`, which calls `results.publish_results`
(the one publishing service; the management command calls it directly) with real progress.
The result appears only when its transaction commits. A job run again after its worker died
starts over, or, when its result is already published, only finishes what is left (the
`mam_results_published` hooks and the email), each once.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from accounts.notifications import send_user_email
from consultations.counting_rules import TieRule
from consultations.models import ConsultationPage
from home.links import absolute_url
from voting.models import PublishJob
from voting.services import results

logger = logging.getLogger(__name__)
UNFINISHED = (PublishJob.State.QUEUED, PublishJob.State.RUNNING)


def publish_refusal(consultation: ConsultationPage, now: datetime.datetime) -> None:
    """Raise ValidationError when publishing would be refused (before queueing the job).

    Ties are counted here only where they are drawn by lot: no other rule leaves one waiting.
    """
    results.publish_checks(consultation, now)
    if consultation.tie_rule == TieRule.LOT:
        results.refuse_undecided_ties(results.tally(results.open_data(consultation)))


def unfinished_job(consultation: ConsultationPage) -> PublishJob | None:
    return PublishJob.objects.filter(consultation=consultation, state__in=UNFINISHED).first()


def publish_start(
    *, consultation: ConsultationPage, by, now: datetime.datetime | None = None
) -> PublishJob:
    """Check, then queue the publishing of `consultation`'s result; return its job.

    A job already waiting or running is returned instead of a second one. The caller checks
    that `by` may publish the consultation.
    """
    now = now or timezone.now()
    running = unfinished_job(consultation)
    if running is not None:
        return running
    publish_refusal(consultation, now)
    queue_now = isinstance(run_publish_job.get_backend(), DatabaseBackend)
    try:
        with transaction.atomic():
            job = PublishJob.objects.create(
                consultation=consultation,
                requested_by=by,
                steps_total=results.PUBLISH_STEPS,
                created_at=now,
            )
            if queue_now:  # the task's row commits with the job's: neither without the other
                run_publish_job.enqueue(job_id=job.pk)
    except IntegrityError:  # another official asked in the same moment
        running = unfinished_job(consultation)
        if running is None:
            raise
        return running
    if not queue_now:  # the tests' immediate backend runs it here
        run_publish_job.enqueue(job_id=job.pk)
        job.refresh_from_db()
    return job


def job_claim(*, job_id: int) -> PublishJob | None:
    """Start (or start over) an unfinished job; None when an earlier run finished it."""
    job = PublishJob.objects.select_related("consultation", "requested_by").get(pk=job_id)
    claimed = PublishJob.objects.filter(pk=job.pk, state__in=UNFINISHED).update(
        state=PublishJob.State.RUNNING
    )
    return job if claimed else None


def job_end(*, job: PublishJob, state: str, message: str = "") -> bool:
    """Close a running job and queue the email to its requester, together, once."""
    with transaction.atomic():
        ended = PublishJob.objects.filter(pk=job.pk, state=PublishJob.State.RUNNING).update(
            state=state, message=message, finished_at=timezone.now()
        )
        if ended and job.requested_by:
            send_user_email(
                job.requested_by,
                "voting/email/publish_done"
                if state == PublishJob.State.DONE
                else "voting/email/publish_refused",
                {
                    "consultation": job.consultation,
                    "message": message,
                    "status_url": absolute_url(reverse("voting_results:job", args=[job.pk])),
                },
            )
    return bool(ended)


@task()
def run_publish_job(*, job_id: int) -> None:
    """Publish the job's result; run again after its worker died, it publishes once."""
    # The answers it stores (proposals' outcomes, a refusal's reason) are in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        _run_publish_job(job_id)


def _run_publish_job(job_id: int) -> None:
    job = job_claim(job_id=job_id)
    if job is None:
        return
    if job.result_id is None:

        def progress(done: int) -> None:
            PublishJob.objects.filter(pk=job.pk).update(steps_done=done)

        try:
            snapshot = results.publish_results(
                consultation=job.consultation, by=job.requested_by, progress=progress, job=job
            )
        except ValidationError as error:
            job_end(job=job, state=PublishJob.State.REFUSED, message=" ".join(error.messages))
            return
        except IntegrityError:
            # Published in the same moment by someone else (the command): one result kept.
            message = _("The results of this vote are already published.")
            job_end(job=job, state=PublishJob.State.REFUSED, message=message)
            return
        except Exception:
            logger.exception("Publishing job %s failed", job.pk)
            if PublishJob.objects.filter(pk=job.pk, result__isnull=False).exists():
                # Published; what another app does on publication (a hook) failed.
                message = _(
                    "The results are published, but the work other parts of MAM do after "
                    "publishing failed. Tell the administrator."
                )
            else:
                message = _(
                    "Publishing failed and nothing was published. Try again; if it fails "
                    "again, tell the administrator."
                )
            job_end(job=job, state=PublishJob.State.FAILED, message=message)
            return
    else:  # published by a run whose worker died before it finished
        snapshot = job.result
        results.results_announce(snapshot)
    job_end(job=job, state=PublishJob.State.DONE)
