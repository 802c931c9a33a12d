"""A download of a published ballot file reads the stored copy once, on the local disk and in
S3: the copy was verified when the worker stored it (a mark in the cache, keyed on the copy's
version), the download hashes it as it streams and sends the last chunk only once the hash
matches, and memory stays flat."""

import hashlib
import os
import tracemalloc

import pytest
from django.core.cache import cache

from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultFile, ResultSnapshot
from voting.services import published_files, result_copies, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["disk", "s3"])
def where(request, settings, tmp_path):
    """The private storage on the local disk (its folder returned) or in the local S3 server."""
    if request.param == "s3":
        request.getfixturevalue("s3_storages")
        return None
    settings.STORAGES = settings.STORAGES | {
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        }
    }
    return tmp_path


@pytest.fixture
def published(home_page, where, django_capture_on_commit_callbacks):
    consultation, (first, second, _third) = voting_consultation(home_page)
    cast(consultation, [first], [first, second], [second])
    with django_capture_on_commit_callbacks(execute=True):  # the copy is stored and verified
        snapshot = publish(consultation)
    return consultation, snapshot


@pytest.fixture
def reads(monkeypatch):
    """Every reading of a stored copy: one list of chunk sizes per file opened."""
    opened = []
    pin = stored_files.pin

    def counting_pin(storage, name):
        pinned = pin(storage, name)
        if pinned is not None:
            read, sizes = pinned._read, []
            opened.append(sizes)

            def counted(chunk_bytes):
                for chunk in read(chunk_bytes):
                    sizes.append(len(chunk))
                    yield chunk

            pinned._read = counted
        return pinned

    monkeypatch.setattr(stored_files, "pin", counting_pin)
    return opened


def _database_bytes(snapshot, file_format="json") -> bytes:
    return bytes(snapshot.files.get(format=file_format).content)


def test_a_download_reads_the_stored_copy_once(published, client, reads):
    consultation, snapshot = published
    served = client.get(sub_url(consultation, "ballots_json")).getvalue()
    assert served == _database_bytes(snapshot)
    assert [sum(sizes) for sizes in reads] == [len(served)]  # one file opened, read once


def test_a_copy_whose_mark_was_lost_is_verified_once_then_read_once(published, client, reads):
    consultation, snapshot = published
    cache.clear()  # e.g. Redis restarted: the worker's marks are gone
    url = sub_url(consultation, "ballots_json")
    ResultFile.objects.filter(snapshot=snapshot, format="json").update(content=b"not read")
    first = client.get(url).getvalue()
    assert hashlib.sha256(first).hexdigest() == snapshot.ballots_checksum  # from the copy
    assert sum(map(sum, reads)) == 2 * len(first)  # verified whole, then streamed
    reads.clear()
    assert client.get(url).getvalue() == first
    assert [sum(sizes) for sizes in reads] == [len(first)]


def test_a_copy_changed_in_place_after_its_verification_is_cut_short_never_sent_whole(
    published, client, where, monkeypatch
):
    if where is None:
        pytest.skip("an S3 object cannot change in place: a new one has a new ETag")
    consultation, snapshot = published
    path = where / result_copies.copy_name(snapshot.pk, "json")
    before = os.stat(path)
    with open(path, "r+b") as copy:  # the same size, inode and mtime: the mark still matches
        first = copy.read(1)
        copy.seek(0)
        copy.write(b"X" if first != b"X" else b"Y")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    monkeypatch.setattr(published_files, "FILE_CHUNK_BYTES", 7)
    response = client.get(sub_url(consultation, "ballots_json"))
    received = []
    with pytest.raises(result_copies.CopyMismatch):
        received.extend(response.streaming_content)
    assert sum(map(len, received)) < int(response["Content-Length"])
    # The mark is dropped: the next download checks the copy and falls back to the database.
    assert client.get(sub_url(consultation, "ballots_json")).getvalue() == _database_bytes(snapshot)


@pytest.fixture
def large(published):
    """The published JSON file made 4 MiB, stored again and verified; its checksum."""
    _consultation, snapshot = published
    data = os.urandom(16 * result_copies.READ_BYTES)
    ResultFile.objects.filter(snapshot=snapshot, format="json").update(content=data)
    checksum = hashlib.sha256(data).hexdigest()
    ResultSnapshot.objects.filter(pk=snapshot.pk).update(ballots_checksum=checksum)
    result_copies.result_files_store(snapshot_id=snapshot.pk)
    return checksum


def test_a_large_download_reads_the_copy_only_as_the_client_takes_it(
    published, large, client, reads
):
    consultation, _snapshot = published
    reads.clear()
    stream = iter(client.get(sub_url(consultation, "ballots_json")).streaming_content)
    digest = hashlib.sha256(next(stream))
    assert sum(reads[0]) <= 2 * result_copies.READ_BYTES  # one chunk held back, no more
    for chunk in stream:
        digest.update(chunk)
    assert digest.hexdigest() == large
    assert [sum(sizes) for sizes in reads] == [16 * result_copies.READ_BYTES]


def test_a_large_download_from_the_stored_copy_keeps_memory_flat(published, large, client, where):
    if where is None:
        # moto's S3 server runs in this process and builds each response whole: tracemalloc
        # would measure it; the test above proves the copy is read as the client takes it.
        pytest.skip("the local S3 server's own memory is in this process")
    consultation, _snapshot = published
    response = client.get(sub_url(consultation, "ballots_json"))
    digest = hashlib.sha256()
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            digest.update(chunk)
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.hexdigest() == large
    assert peak < 4 * result_copies.READ_BYTES
