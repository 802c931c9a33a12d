"""The published ballots files are stored at publication and served byte for byte, without
decoding the ballots document again for each download."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultFile
from voting.services import results

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(home_page):
    consultation, (first, second, *_rest) = voting_consultation(home_page)
    cast(consultation, [first], [first, second], [second])
    return consultation, publish(consultation)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_publishing_stores_both_files_with_the_published_checksums(published):
    _consultation, snapshot = published
    stored = {item.format: bytes(item.content) for item in snapshot.files.all()}
    assert _sha256(stored["json"]) == snapshot.ballots_checksum
    assert _sha256(stored["csv"]) == snapshot.csv_checksum


def test_the_stored_files_are_the_files_written_from_the_document(published):
    _consultation, snapshot = published
    stored = {item.format: bytes(item.content) for item in snapshot.files.all()}
    assert stored["json"] == results.ballots_json(snapshot.ballots)
    assert stored["csv"] == results.ballots_csv(snapshot.ballots)


@pytest.mark.parametrize("name", ["ballots_json", "ballots_csv"])
def test_a_download_never_reads_the_ballots_document(client, published, name):
    consultation, _snapshot = published
    client.get(sub_url(consultation, name))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(sub_url(consultation, name)).status_code == 200
    assert not [q for q in captured if '"consultations_resultsnapshot"."ballots"' in q["sql"]]


def test_a_result_published_before_files_were_stored_is_served_and_then_stored(client, published):
    consultation, snapshot = published
    ResultFile.objects.filter(snapshot=snapshot).delete()
    response = client.get(sub_url(consultation, "ballots_csv"))
    assert _sha256(response.getvalue()) == snapshot.csv_checksum
    assert snapshot.files.filter(format="csv").exists()
    assert _sha256(client.get(sub_url(consultation, "ballots_csv")).getvalue()) == (
        snapshot.csv_checksum
    )


@pytest.mark.parametrize("name", ["ballots_json", "ballots_csv"])
def test_a_download_is_streamed_in_chunks_read_one_at_a_time(client, published, name, monkeypatch):
    from voting.services import published_files

    consultation, snapshot = published
    whole = client.get(sub_url(consultation, name)).getvalue()
    monkeypatch.setattr(published_files, "FILE_CHUNK_BYTES", 7)
    response = client.get(sub_url(consultation, name))
    assert response.streaming
    assert int(response["Content-Length"]) == len(whole)
    with CaptureQueriesContext(connection) as captured:
        chunks = list(response.streaming_content)
    assert len(chunks) == -(-len(whole) // 7)
    assert max(len(chunk) for chunk in chunks) == 7
    assert len(captured) == len(chunks)  # one query per chunk: never the whole file at once
    assert b"".join(chunks) == whole
