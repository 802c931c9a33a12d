"""Published ballot files copied to the private bucket (a local moto S3 server): the database
keeps the truth, the copy is written once after the result commits and checked against the
result's SHA-256, and a download reads the copy only while its checksum matches."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultFile
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
