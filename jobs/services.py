"""Worker leases and the recovery of a dead worker's tasks, periodic jobs, done-once work."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.management import get_commands
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobs.models import DoneMark, PeriodicJob, WorkerLease
from jobs.tasks import run_command

logger = logging.getLogger(__name__)


def lease() -> datetime.timedelta:
    """How long a worker may stay silent before its running tasks are queued again."""
    return datetime.timedelta(seconds=getattr(settings, "MAM_WORKER_LEASE_SECONDS", 60))


def worker_renew(*, worker_id: str, now: datetime.datetime | None = None) -> None:
    """Record that `worker_id` is alive."""
    now = now or timezone.now()
    WorkerLease.objects.update_or_create(worker_id=worker_id, defaults={"renewed_at": now})


def worker_leave(*, worker_id: str) -> None:
    """Forget a worker that stopped cleanly (it finished or failed its task first)."""
    WorkerLease.objects.filter(worker_id=worker_id).delete()


def tasks_requeue_stale(
    *, now: datetime.datetime | None = None, starting_worker_id: str = ""
) -> int:
    """Queue again the tasks left RUNNING by a worker that died; return how many.

    django-tasks-db leaves a task RUNNING for ever when its worker is killed. A task is
    stale when its worker's lease lapsed (or when that worker is starting again under the
    same id, so it cannot be running anything). Each task is requeued by a conditional
    update, so two workers recovering at once requeue it once.
    """
    now = now or timezone.now()
    cutoff = now - lease()
    alive = set(
        WorkerLease.objects.filter(renewed_at__gte=cutoff).values_list("worker_id", flat=True)
    )
    alive.discard(starting_worker_id)
    requeued = 0
    running = DBTaskResult.objects.running().only("id", "started_at", "worker_ids")
    for result in running:
        worker = result.worker_ids[-1] if result.worker_ids else ""
        if worker in alive or (worker != starting_worker_id and result.started_at > cutoff):
            continue
        requeued += DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        ).update(status=TaskResultStatus.READY, started_at=None)
        logger.warning("Task %s of worker %s requeued: the worker died", result.pk, worker)
    WorkerLease.objects.filter(renewed_at__lt=now - 10 * lease()).delete()
    return requeued


def periodic_enqueue_due(
    *,
    now: datetime.datetime | None = None,
    schedule: list[tuple[str, datetime.timedelta]] | None = None,
) -> list[str]:
    """Queue each job of the schedule that is due, once however many workers ask.

    A job is a management command; one that this installation does not have is skipped.
    The claim (moving `next_run_at` on) and the queued task commit together.
    """
    now = now or timezone.now()
    schedule = settings.MAM_SCHEDULE if schedule is None else schedule
    commands = get_commands()
    queued = []
    for name, every in schedule:
        if name not in commands:
            continue
        with transaction.atomic():
            job, _created = PeriodicJob.objects.get_or_create(
                name=name, defaults={"next_run_at": now}
            )
            claimed = PeriodicJob.objects.filter(pk=job.pk, next_run_at__lte=now).update(
                last_run_at=now, next_run_at=now + every
            )
            if claimed:
                run_command.enqueue(name=name)
                queued.append(name)
    return queued


def run_once(key: str, work: Callable[[], object]) -> bool:
    """Do `work` unless it was done under `key`; the mark commits with the work or not at all.

    Returns whether the work ran. A task run again after its worker died calls this with
    the same key and finds the mark of the first run if that run committed.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                DoneMark.objects.create(key=key[:200])
        except IntegrityError:
            return False
        work()
    return True


def beat(*, worker_id: str, now: datetime.datetime | None = None) -> None:
    """What a worker does every few seconds: renew its lease, recover, queue due jobs."""
    worker_renew(worker_id=worker_id, now=now)
    tasks_requeue_stale(now=now)
    periodic_enqueue_due(now=now)


def enqueue_in_transaction(task, **kwargs) -> None:
    """Queue `task` as part of the current transaction.

    The database queue writes the task's row in the transaction: the task runs only if the
    change commits, and is not lost if the process dies right after. Another backend (the
    immediate one of the tests) is given the task once the transaction commits.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))
