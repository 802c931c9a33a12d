"""The published ballot files as a download reads them: byte for byte, in chunks.

The database keeps each published file (`ResultFile`); the private storage keeps a checked
copy (voting/services/result_copies.py), which a download reads when it is there.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models.functions import Length

from consultations.models import ConsultationPage
from voting.models import ResultFile, ResultSnapshot
from voting.services import result_copies
from voting.services.ballot_document import ballots_csv, ballots_json


def published_file(consultation: ConsultationPage, file_format: str) -> bytes | None:
    """The published ballots file in `file_format` ("json" or "csv") byte for byte, or None
    while no result is published.

    Results published before the files were stored get them written from their document
    on the first download (the same bytes: the checksums were taken from them).
    """
    stored = (
        ResultFile.objects.filter(
            snapshot__consultation=consultation,
            snapshot__published_at__isnull=False,
            format=file_format,
        )
        .values_list("content", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    snapshot = (
        ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)
        .only("pk", "ballots")
        .first()
    )
    if snapshot is None:
        return None
    write = ballots_json if file_format == ResultFile.Format.JSON else ballots_csv
    data = write(snapshot.ballots)
    ResultFile.objects.get_or_create(
        snapshot=snapshot, format=file_format, defaults={"content": data}
    )
    return data


FILE_CHUNK_BYTES = 256 * 1024


def published_file_chunks(
    consultation: ConsultationPage, file_format: str, *, chunk_bytes: int | None = None
) -> tuple[int, Iterator[bytes]] | None:
    """The published ballots file as (its size, its bytes in chunks of `chunk_bytes`), or None
    while no result is published: from the private storage's copy when it matches the
    result's checksum (voting/services/result_copies.py), else each chunk is read from the
    database on its own, so a download never holds the whole file (megabytes at 20,000
    ballots) in the process."""
    chunk_bytes = chunk_bytes or FILE_CHUNK_BYTES
    snapshot = (
        ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)
        .only("pk", "ballots_checksum", "csv_checksum")
        .first()
    )
    if snapshot is None:
        return None
    copy = result_copies.stored_copy(snapshot, file_format, chunk_bytes=chunk_bytes)
    if copy is not None:  # the private storage's copy, checked against the result's SHA-256
        return copy
    stored = (
        ResultFile.objects.filter(
            snapshot__consultation=consultation,
            snapshot__published_at__isnull=False,
            format=file_format,
        )
        .annotate(size=Length("content"))
        .values_list("pk", "size")
        .first()
    )
    if stored is None:
        data = published_file(consultation, file_format)  # written from the document once
        return None if data is None else (len(data), iter([data]))
    pk, size = stored
    return size, result_copies.file_chunks(pk, size, chunk_bytes)
