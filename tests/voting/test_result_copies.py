"""Published ballot files copied to the private bucket (a local moto S3 server): the database
keeps the truth, the copy is written once after the result commits and checked against the
result's SHA-256 (read once, in chunks), and a download reads the copy only while its checksum
matches."""

import hashlib
import os
import tracemalloc

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultFile, ResultSnapshot
from voting.services import result_copies

pytestmark = pytest.mark.django_db

FORMATS = {"ballots_json": "json", "ballots_csv": "csv"}


@pytest.fixture
def published(home_page, s3_storages, django_capture_on_commit_callbacks):
    consultation, (first, second, _third) = voting_consultation(home_page)
    cast(consultation, [first], [first, second])
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = publish(consultation)
    return consultation, snapshot


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_publishing_copies_each_ballot_file_to_the_private_bucket_with_its_checksum(
    published, s3_storages
):
    _consultation, snapshot = published
    assert sorted(s3_storages.keys("private")) == [
        f"results/{snapshot.pk}/ballots.csv",
        f"results/{snapshot.pk}/ballots.json",
    ]
    private = storages["private"]
    with private.open(result_copies.copy_name(snapshot.pk, "json")) as copy:
        assert _sha256(copy.read()) == snapshot.ballots_checksum
    with private.open(result_copies.copy_name(snapshot.pk, "csv")) as copy:
        assert _sha256(copy.read()) == snapshot.csv_checksum
    assert not s3_storages.keys("media")  # never in the public bucket


def test_storing_again_rewrites_nothing_and_adds_no_second_copy(published, s3_storages):
    _consultation, snapshot = published
    before = sorted(s3_storages.keys("private"))
    result_copies.store_result_files.enqueue(snapshot_id=snapshot.pk)  # a re-run: done-mark
    assert result_copies.result_files_store(snapshot_id=snapshot.pk) == [
        result_copies.copy_name(snapshot.pk, "json"),
        result_copies.copy_name(snapshot.pk, "csv"),
    ]
    assert sorted(s3_storages.keys("private")) == before


def test_a_download_is_read_from_the_stored_copy(published, client):
    consultation, snapshot = published
    originals = {name: client.get(sub_url(consultation, name)).getvalue() for name in FORMATS}
    ResultFile.objects.filter(snapshot=snapshot).update(content=b"not read")
    for name, data in originals.items():
        assert client.get(sub_url(consultation, name)).getvalue() == data


def test_a_damaged_copy_is_not_served_the_database_is(published, client):
    consultation, snapshot = published
    private = storages["private"]
    for name, file_format in FORMATS.items():
        copy = result_copies.copy_name(snapshot.pk, file_format)
        private.delete(copy)
        private.save(copy, ContentFile(b"tampered"))
        served = client.get(sub_url(consultation, name)).getvalue()
        assert served == bytes(snapshot.files.get(format=file_format).content)
        assert served != b"tampered"


def test_a_damaged_copy_is_written_again(published):
    _consultation, snapshot = published
    private, copy = storages["private"], result_copies.copy_name(snapshot.pk, "json")
    private.delete(copy)
    private.save(copy, ContentFile(b"half"))
    result_copies.result_files_store(snapshot_id=snapshot.pk)
    with private.open(copy) as stored:
        assert _sha256(stored.read()) == snapshot.ballots_checksum


def test_a_file_that_differs_from_its_checksum_is_never_stored(published, s3_storages):
    _consultation, snapshot = published
    private = storages["private"]
    for file_format in FORMATS.values():
        private.delete(result_copies.copy_name(snapshot.pk, file_format))
    ResultFile.objects.filter(snapshot=snapshot, format="json").update(content=b"changed")
    with pytest.raises(result_copies.CopyMismatch):
        result_copies.result_files_store(snapshot_id=snapshot.pk)
    assert s3_storages.keys("private") == []  # no copy, no temporary file


def test_a_half_written_copy_left_by_a_killed_run_is_deleted(published, s3_storages):
    _consultation, snapshot = published
    part = f"results/{snapshot.pk}/{result_copies.PART}0123.json"
    storages["private"].save(part, ContentFile(b"half"))
    result_copies.result_files_store(snapshot_id=snapshot.pk)
    assert sorted(s3_storages.keys("private")) == [
        f"results/{snapshot.pk}/ballots.csv",
        f"results/{snapshot.pk}/ballots.json",
    ]


def test_a_large_file_is_copied_in_chunks_with_flat_memory(published, settings, tmp_path):
    _consultation, snapshot = published
    settings.STORAGES = settings.STORAGES | {
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        }
    }
    large = os.urandom(16 * result_copies.READ_BYTES)  # 4 MiB
    ResultFile.objects.filter(snapshot=snapshot, format="json").update(content=large)
    ResultSnapshot.objects.filter(pk=snapshot.pk).update(ballots_checksum=_sha256(large))
    del large
    tracemalloc.start()
    try:
        result_copies.result_files_store(snapshot_id=snapshot.pk)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * result_copies.READ_BYTES
    stored = (tmp_path / result_copies.copy_name(snapshot.pk, "json")).read_bytes()
    assert _sha256(stored) == ResultSnapshot.objects.get(pk=snapshot.pk).ballots_checksum
