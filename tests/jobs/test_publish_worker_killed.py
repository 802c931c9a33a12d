"""A worker killed (SIGKILL) in the middle of publishing a result: a restarted worker publishes
it exactly once, runs the `mam_results_published` hooks (implementation records) once and sends
the requester one email. Real `db_worker` processes over the test's database (the PostgreSQL
pass runs it on PostgreSQL, as CI does)."""

import signal
import subprocess
import sys
import time

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from implementation.models import Implementation, TimelineEntry
from jobs.models import DoneMark
from proposals.models import Proposal
from tests.factories_voting import voting_consultation
from tests.jobs.helpers import DATABASE_QUEUE
from tests.jobs.test_worker_killed import ROOT, SharedDatabase, _environment, _wait_for
from tests.voting.results_helpers import cast, close_voting, official_of
from voting.models import ResultSnapshot
from voting.services import publishing

TASK = "voting.services.publishing.run_publish_job"


def _hanging_worker(db: SharedDatabase, folder, point: str) -> str:
    """Run a worker that hangs at `point` of publishing and kill it there; its output."""
    marker = folder / "in-the-middle"
    first = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.jobs.hanging_publisher", str(marker), point],
        cwd=ROOT,
        env=_environment(db, folder),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for(marker, first, seconds=40)
    first.send_signal(signal.SIGKILL)
    return first.communicate()[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("point", "published_when_killed"), [("counted", False), ("switched", True)]
)
def test_a_worker_killed_mid_publishing_is_replaced_and_publishes_once(
    page_tree, tmp_path, settings, point, published_when_killed
):
    settings.TASKS = DATABASE_QUEUE
    settings.MAM_SCHEDULE = []
    consultation, proposals = voting_consultation(page_tree, winners=1)
    cast(consultation, [proposals[0]], [proposals[0], proposals[1]], [proposals[1]], [proposals[0]])
    close_voting(consultation)
    official = official_of(consultation)
    job = publishing.publish_start(consultation=consultation, by=official)
    db = SharedDatabase(tmp_path)
    db.to_workers()

    killed_output = _hanging_worker(db, tmp_path, point)

    db.from_workers()
    job.refresh_from_db()
    assert job.state == "running"
    assert ResultSnapshot.objects.filter(consultation=consultation).exists() == (
        published_when_killed
    )
    assert not Implementation.objects.exists()  # the hooks never ran
    task = DBTaskResult.objects.get(task_path=TASK)
    assert task.status == "RUNNING"

    time.sleep(1.5)  # the killed worker's lease lapses (1 s for the second worker)
    second = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=_environment(db, tmp_path, MAM_WORKER_LEASE_SECONDS="1"),
        capture_output=True,
        text=True,
        timeout=40,
        check=True,
    )

    db.from_workers()
    job.refresh_from_db()
    (snapshot,) = ResultSnapshot.objects.filter(consultation=consultation)
    assert (job.state, job.steps_done, job.result_id) == ("done", 5, snapshot.pk)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2
    # The hook ran once: its done-mark, and one record (one opening entry) per funded project.
    assert DoneMark.objects.filter(key=f"mam_results_published:{snapshot.pk}").count() == 1
    funded = Proposal.objects.filter(consultation=consultation, status="selected")
    assert list(funded) == [proposals[0]]
    assert [record.proposal_id for record in Implementation.objects.all()] == [proposals[0].pk]
    assert TimelineEntry.objects.count() == 1
    status_url = reverse("voting_results:job", args=[job.pk])
    assert (killed_output + second.stdout).count(status_url) == 1  # the console's one email
