"""A worker killed (SIGKILL) in the middle of an export: a restarted worker finishes the export
exactly once, with one email. Real processes over a real database file (or PostgreSQL)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from outcomes import exports
from outcomes.exports.base import Options
from outcomes.exports.services import start_job
from tests.factories_voting import voting_consultation
from tests.jobs.helpers import DATABASE_QUEUE
from tests.outcomes.exports_helpers import official_of

ROOT = Path(settings.BASE_DIR)
PROPOSALS = 5


class SharedDatabase:
    """The test's database, reachable by worker processes.

    PostgreSQL: the test database itself (the test commits). SQLite: the test database lives
    in memory, so it is copied to a file for the workers and copied back to be checked.
    """

    def __init__(self, folder: Path):
        self.file = folder / "shared.sqlite3"
        self.sqlite = connection.vendor == "sqlite"

    def url(self) -> str:
        if self.sqlite:
            return f"sqlite:///{self.file}"
        db = connection.settings_dict
        return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

    def to_workers(self):
        if self.sqlite:
            connection.ensure_connection()
            with sqlite3.connect(self.file) as target:
                connection.connection.backup(target)

    def from_workers(self):
        if self.sqlite:
            with sqlite3.connect(self.file) as source:
                source.backup(connection.connection)


def _environment(db: SharedDatabase, folder: Path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": db.url(),
        "MAM_VAR_DIR": str(folder),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "TASKS_BACKEND": DATABASE_QUEUE["default"]["BACKEND"],
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}",
        **extra,
    }


def _wait_for(path: Path, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = process.communicate()[0]
            pytest.fail(f"The worker never reached the middle of the export:\n{output}")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_export_is_replaced_and_the_export_finishes_once(
    page_tree, tmp_path, settings
):
    settings.TASKS = DATABASE_QUEUE
    settings.MAM_SCHEDULE = []
    consultation, _proposals = voting_consultation(page_tree, proposals=PROPOSALS)
    official = official_of(consultation)
    job = start_job(
        consultation=consultation,
        export=exports.get("proposals"),
        export_format="csv",
        options=Options(),
        by=official,
    )
    db = SharedDatabase(tmp_path)
    db.to_workers()

    marker = tmp_path / "in-the-middle"
    first = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.jobs.slow_worker", str(marker)],
        cwd=ROOT,
        env=_environment(db, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for(marker, first, seconds=120)
    first.send_signal(signal.SIGKILL)
    killed_output = first.communicate()[0]

    db.from_workers()
    job.refresh_from_db()
    assert (job.state, job.rows_done) == ("running", 2)  # real progress, then the kill
    task = DBTaskResult.objects.get(task_path="outcomes.exports.services.run_export_job")
    assert task.status == "RUNNING"

    time.sleep(1.5)  # the killed worker's lease lapses (1 s for the second worker)
    second = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=_environment(db, tmp_path, MAM_WORKER_LEASE_SECONDS="1"),
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )

    db.from_workers()
    job.refresh_from_db()
    assert (job.state, job.rows_done, job.rows_total) == ("ready", PROPOSALS, PROPOSALS)
    assert (tmp_path / "private" / job.file.name).read_text().count("\n") == PROPOSALS + 1
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2
    emails = DBTaskResult.objects.filter(task_path="accounts.notifications.deliver_email")
    assert [email.status for email in emails] == ["SUCCESSFUL"]
    status_url = reverse("outcomes_exports:job", args=[job.pk])
    assert (killed_output + second.stdout).count(status_url) == 1  # the console's emails
