"""A dead worker's tasks are queued again; periodic jobs are queued once when due."""

import datetime
import io

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.notifications import deliver_email
from jobs import services
from jobs.models import DoneMark, PeriodicJob
from jobs.tasks import run_command
from tests.jobs.helpers import database_queue, run_worker  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db
queued = pytest.mark.usefixtures("database_queue")

NOW = timezone.make_aware(datetime.datetime(2026, 12, 4, 12, 0))
MINUTE = datetime.timedelta(minutes=1)


def _running(worker_id: str, started_at: datetime.datetime) -> DBTaskResult:
    result = deliver_email.using(backend="default").enqueue(
        to="a@example.org", subject="s", body="b"
    )
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=started_at, worker_ids=[worker_id]
    )
    return DBTaskResult.objects.get(pk=result.id)


@queued
def test_a_task_of_a_worker_whose_lease_lapsed_is_queued_again():
    services.worker_renew(worker_id="dead", now=NOW - 5 * MINUTE)
    task = _running("dead", NOW - 4 * MINUTE)
    assert services.tasks_requeue_stale(now=NOW) == 1
    task.refresh_from_db()
    assert (task.status, task.started_at) == ("READY", None)


@queued
def test_a_task_of_a_live_worker_is_left_running_however_long_it_takes():
    services.worker_renew(worker_id="busy", now=NOW - 10 * datetime.timedelta(seconds=1))
    task = _running("busy", NOW - 60 * MINUTE)
    assert services.tasks_requeue_stale(now=NOW) == 0
    task.refresh_from_db()
    assert task.status == "RUNNING"


@queued
def test_a_worker_restarting_under_its_id_requeues_that_ids_tasks_at_once():
    services.worker_renew(worker_id="web-1", now=NOW)
    task = _running("web-1", NOW - datetime.timedelta(seconds=5))
    assert services.tasks_requeue_stale(now=NOW, starting_worker_id="web-1") == 1
    task.refresh_from_db()
    assert task.status == "READY"


@queued
def test_a_requeued_task_is_run_by_the_next_worker(mailoutbox):
    task = _running("dead", timezone.now() - 5 * MINUTE)
    services.tasks_requeue_stale()
    run_worker()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert task.worker_ids == ["dead", "test-worker"]
    assert len(mailoutbox) == 1


@queued
def test_a_due_job_is_queued_once_however_many_workers_ask(settings):
    settings.MAM_SCHEDULE = [("clear_old_exports", datetime.timedelta(days=1))]
    assert services.periodic_enqueue_due(now=NOW) == ["clear_old_exports"]
    assert services.periodic_enqueue_due(now=NOW) == []
    assert services.periodic_enqueue_due(now=NOW + MINUTE) == []
    assert DBTaskResult.objects.filter(task_path="jobs.tasks.run_command").count() == 1
    job = PeriodicJob.objects.get()
    assert job.next_run_at == NOW + datetime.timedelta(days=1)


@queued
def test_a_job_is_queued_again_once_its_interval_passed(settings):
    settings.MAM_SCHEDULE = [("clear_old_exports", datetime.timedelta(days=1))]
    services.periodic_enqueue_due(now=NOW)
    assert services.periodic_enqueue_due(now=NOW + datetime.timedelta(days=1)) == [
        "clear_old_exports"
    ]


@queued
def test_a_scheduled_job_whose_command_is_not_installed_is_skipped(settings):
    settings.MAM_SCHEDULE = [("no_such_command", MINUTE), ("clear_old_exports", MINUTE)]
    assert services.periodic_enqueue_due(now=NOW) == ["clear_old_exports"]


@queued
def test_the_worker_runs_a_queued_periodic_job(settings):
    settings.MAM_SCHEDULE = [("clear_old_exports", MINUTE)]
    services.periodic_enqueue_due(now=NOW)
    run_worker()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_only_a_command_of_the_schedule_can_be_run_as_a_job(settings):
    settings.MAM_SCHEDULE = [("clear_old_exports", MINUTE)]
    with pytest.raises(ValueError, match="not a scheduled job"):
        run_command.call(name="flush")


def test_every_job_of_the_schedule_is_a_command_or_one_announced(settings):
    announced = {"flush_comment_notifications", "apply_retention"}  # other branches add them
    missing = {name for name, _every in settings.MAM_SCHEDULE} - set(get_commands())
    assert missing <= announced


def test_work_done_once_is_not_done_again_under_the_same_key():
    done = []
    assert services.run_once("k", lambda: done.append(1)) is True
    assert services.run_once("k", lambda: done.append(2)) is False
    assert done == [1]


def test_work_that_fails_leaves_no_mark_so_a_rerun_does_it():
    def fail():
        raise RuntimeError

    with pytest.raises(RuntimeError):
        services.run_once("k", fail)
    assert not DoneMark.objects.exists()


def test_done_marks_older_than_a_month_are_pruned():
    services.run_once("old", lambda: None)
    services.run_once("new", lambda: None)
    DoneMark.objects.filter(key="old").update(done_at=timezone.now() - 31 * datetime.timedelta(1))
    call_command("prune_done_marks", stdout=io.StringIO())
    assert list(DoneMark.objects.values_list("key", flat=True)) == ["new"]


def test_manage_py_db_worker_is_the_worker_with_recovery_and_schedule():
    assert get_commands()["db_worker"] == "jobs"
