"""A worker killed (SIGKILL) in the middle of copying a large published result to the private
storage: no half-written file is ever served, and a restarted worker finishes the copy exactly
once, byte for byte. Real `db_worker` processes over the test's database, with the files on the
local disk and in a local S3 server (tests/s3server.py)."""

import hashlib
import signal
import subprocess
import sys
import time

import pytest
from django.core.files.storage import storages
from django_tasks_db.models import DBTaskResult

from jobs.models import DoneMark
from tests.factories_voting import voting_consultation
from tests.jobs.hanging_copier import WRITTEN_BEFORE_HANGING
from tests.jobs.helpers import DATABASE_QUEUE
from tests.jobs.test_worker_killed import ROOT, SharedDatabase, _environment, _wait_for
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultFile
from voting.services import result_copies

TASK = "voting.services.result_copies.store_result_files"
BALLOTS = 150
DOWNLOADS = {"json": "ballots_json", "csv": "ballots_csv"}


def _storage_environment(where, request, settings, folder) -> dict:
    """Point this test and its workers at the same private storage; the workers' variables."""
    if where == "s3":
        buckets = request.getfixturevalue("s3_storages")
        return buckets.server.environment(
            media_bucket=buckets.media, private_bucket=buckets.private
        )
    settings.STORAGES = settings.STORAGES | {
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder / "private", "base_url": None},
        }
    }
    return {}


def _kill_mid_copy(db: SharedDatabase, folder, environment: dict) -> None:
    marker = folder / "in-the-middle"
    first = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.jobs.hanging_copier", str(marker)],
        cwd=ROOT,
        env=_environment(db, folder, **environment),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for(marker, first, seconds=120)
    first.send_signal(signal.SIGKILL)
    first.communicate()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("where", ["disk", "s3"])
def test_a_worker_killed_mid_copy_is_replaced_and_the_copy_finishes_once_byte_for_byte(
    page_tree, tmp_path, settings, client, request, where
):
    settings.TASKS = DATABASE_QUEUE
    settings.MAM_SCHEDULE = []
    environment = _storage_environment(where, request, settings, tmp_path)
    consultation, (a, b, c) = voting_consultation(page_tree, max_choices=2)
    cast(consultation, *([[a, b], [b, c], [a], [c, a]] * (BALLOTS // 4)))
    snapshot = publish(consultation)  # queues the copy (the database queue)
    originals = {each.format: bytes(each.content) for each in ResultFile.objects.all()}
    assert len(originals["json"]) > WRITTEN_BEFORE_HANGING + 4096  # killed before the end
    db = SharedDatabase(tmp_path)
    db.to_workers()

    _kill_mid_copy(db, tmp_path, environment)

    db.from_workers()
    task = DBTaskResult.objects.get(task_path=TASK)
    assert task.status == "RUNNING"
    assert not DoneMark.objects.filter(key=result_copies.done_key(snapshot.pk)).exists()
    private = storages["private"]
    _folders, left = private.listdir(f"results/{snapshot.pk}")
    assert "ballots.json" not in left and "ballots.csv" not in left
    if where == "disk":  # the half-written file is there, under a name nobody reads
        (part,) = left
        assert part.startswith(result_copies.PART)
        assert (tmp_path / "private" / "results" / str(snapshot.pk) / part).stat().st_size > 0
    for file_format, name in DOWNLOADS.items():  # served from the database meanwhile
        assert client.get(sub_url(consultation, name)).getvalue() == originals[file_format]

    time.sleep(1.5)  # the killed worker's lease lapses (1 s for the second worker)
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=_environment(db, tmp_path, MAM_WORKER_LEASE_SECONDS="1", **environment),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    db.from_workers()
    task.refresh_from_db()
    assert (task.status, len(task.worker_ids)) == ("SUCCESSFUL", 2)
    assert DoneMark.objects.filter(key=result_copies.done_key(snapshot.pk)).count() == 1
    assert sorted(private.listdir(f"results/{snapshot.pk}")[1]) == ["ballots.csv", "ballots.json"]
    checksums = {"json": snapshot.ballots_checksum, "csv": snapshot.csv_checksum}
    for file_format, data in originals.items():
        with private.open(result_copies.copy_name(snapshot.pk, file_format), "rb") as copy:
            stored = copy.read()
        assert stored == data
        assert hashlib.sha256(stored).hexdigest() == checksums[file_format]
