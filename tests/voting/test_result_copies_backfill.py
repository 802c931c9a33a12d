"""`manage.py store_result_copies`: results published before the copies existed (or whose copy
was lost) get their copy, once, however often the command runs."""

import hashlib
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from jobs.models import DoneMark
from tests.factories_voting import voting_consultation
from tests.jobs.helpers import database_queue, run_worker  # noqa: F401  (a fixture)
from tests.voting.results_helpers import cast, publish
from voting.services import result_copies

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_without_copy(home_page, s3_storages):
    """A result published while its copy was never made (no task ran, no done-mark)."""
    consultation, (first, second, _third) = voting_consultation(home_page)
    cast(consultation, [first], [first, second])
    return publish(consultation)  # the queued copy waits for a commit that never comes


def _backfill(capture) -> str:
    out = StringIO()
    with capture(execute=True):
        call_command("store_result_copies", stdout=out)
    return out.getvalue()


def _stored_sha256(snapshot_id, file_format):
    with storages["private"].open(result_copies.copy_name(snapshot_id, file_format)) as copy:
        return hashlib.sha256(copy.read()).hexdigest()


def test_a_result_published_before_the_copies_gets_its_checked_copy(
    published_without_copy, s3_storages, django_capture_on_commit_callbacks
):
    snapshot = published_without_copy
    assert not s3_storages.keys("private")
    output = _backfill(django_capture_on_commit_callbacks)
    assert f"1 published result(s): {snapshot.pk}." in output
    assert _stored_sha256(snapshot.pk, "json") == snapshot.ballots_checksum
    assert _stored_sha256(snapshot.pk, "csv") == snapshot.csv_checksum


def test_running_the_backfill_again_queues_nothing_and_writes_nothing(
    published_without_copy, s3_storages, django_capture_on_commit_callbacks
):
    _backfill(django_capture_on_commit_callbacks)
    before = sorted(s3_storages.keys("private"))
    assert "0 published result(s): none." in _backfill(django_capture_on_commit_callbacks)
    assert sorted(s3_storages.keys("private")) == before


def test_a_lost_copy_is_copied_again_although_its_first_copy_was_marked_done(
    published_without_copy, django_capture_on_commit_callbacks
):
    snapshot = published_without_copy
    _backfill(django_capture_on_commit_callbacks)
    assert DoneMark.objects.filter(key=result_copies.done_key(snapshot.pk)).exists()
    storages["private"].delete(result_copies.copy_name(snapshot.pk, "csv"))
    _backfill(django_capture_on_commit_callbacks)
    assert _stored_sha256(snapshot.pk, "csv") == snapshot.csv_checksum


@pytest.mark.usefixtures("database_queue")
def test_a_backfill_run_twice_before_the_worker_copies_once(published_without_copy, s3_storages):
    snapshot = published_without_copy
    call_command("store_result_copies", stdout=StringIO())
    call_command("store_result_copies", stdout=StringIO())  # the worker has not run yet
    run_worker()
    assert DoneMark.objects.filter(key=result_copies.done_key(snapshot.pk)).count() == 1
    assert sorted(s3_storages.keys("private")) == [
        f"results/{snapshot.pk}/ballots.csv",
        f"results/{snapshot.pk}/ballots.json",
    ]


def _damage(snapshot_id, file_format, how):
    """Leave the copy missing, cut short, or with its bytes changed at the same size."""
    private, name = storages["private"], result_copies.copy_name(snapshot_id, file_format)
    with private.open(name) as copy:
        data = copy.read()
    private.delete(name)
    if how == "short":
        private.save(name, ContentFile(data[: len(data) // 2]))
    elif how == "damaged":
        private.save(name, ContentFile(bytes([data[0] ^ 1]) + data[1:]))


@pytest.mark.parametrize("how", ["missing", "short", "damaged"])
def test_a_missing_short_or_damaged_copy_is_queued_again_and_copied_intact(
    published_without_copy, django_capture_on_commit_callbacks, how
):
    snapshot = published_without_copy
    _backfill(django_capture_on_commit_callbacks)
    _damage(snapshot.pk, "json", how)
    output = _backfill(django_capture_on_commit_callbacks)
    assert f"1 published result(s): {snapshot.pk}." in output
    assert f"result {snapshot.pk}: json {how}" in output
    assert _stored_sha256(snapshot.pk, "json") == snapshot.ballots_checksum
    assert _stored_sha256(snapshot.pk, "csv") == snapshot.csv_checksum
    assert "0 published result(s): none." in _backfill(django_capture_on_commit_callbacks)
