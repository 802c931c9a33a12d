"""Copies of the published ballot files in the private storage (S3 when configured).

The database keeps the truth: each `ResultFile` is written in the transaction that publishes
its result. Once that commits, a task writes each file to the private storage, checked
against the SHA-256 the results page shows, once (`run_once`). Downloads read the stored copy
when it is there and its checksum matches, the database otherwise. The backup copies the
private storage with the other private files (backups/services.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django_tasks import task

from jobs.services import enqueue_in_transaction, run_once
from voting.models import ResultFile, ResultSnapshot

FOLDER = "results"
READ_BYTES = 256 * 1024


class CopyMismatch(RuntimeError):
    """A ballot file (stored or read back) does not have the checksum of its result."""


def copy_name(snapshot_id: int, file_format: str) -> str:
    """Where the copy of a published ballot file lives in the private storage."""
    return f"{FOLDER}/{snapshot_id}/ballots.{file_format}"


def _expected(snapshot: ResultSnapshot, file_format: str) -> str:
    if file_format == ResultFile.Format.JSON:
        return snapshot.ballots_checksum
    return snapshot.csv_checksum


def _stored_digest(storage: Storage, name: str) -> str | None:
    """The SHA-256 of the stored file `name`, or None when there is none."""
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for part in iter(lambda: stored.read(READ_BYTES), b""):
            digest.update(part)
    return digest.hexdigest()


def result_files_store(*, snapshot_id: int) -> list[str]:
    """Write the result's ballot files to the private storage, each checked; return the names."""
    snapshot = ResultSnapshot.objects.filter(pk=snapshot_id, published_at__isnull=False).first()
    if snapshot is None:  # unpublished or deleted since: nothing to copy
        return []
    storage = storages["private"]
    names = []
    for result_file in ResultFile.objects.filter(snapshot=snapshot):
        expected, name = (
            _expected(snapshot, result_file.format),
            copy_name(snapshot.pk, result_file.format),
        )
        data = bytes(result_file.content)
        if hashlib.sha256(data).hexdigest() != expected:
            raise CopyMismatch(f"result {snapshot.pk}: the database's {name} differs")
        if _stored_digest(storage, name) != expected:
            if storage.exists(name):  # a damaged or half-written copy: write it again
                storage.delete(name)
            saved = storage.save(name, ContentFile(data))
            if saved != name or _stored_digest(storage, saved) != expected:
                raise CopyMismatch(f"result {snapshot.pk}: {saved} did not store as written")
        names.append(name)
    return names


@task()
def store_result_files(*, snapshot_id: int) -> None:
    """Copy a published result's ballot files to the private storage; once, even if re-run."""
    run_once(f"mam_result_files:{snapshot_id}", lambda: result_files_store(snapshot_id=snapshot_id))


def result_files_enqueue(snapshot: ResultSnapshot) -> None:
    """Queue the copy in the transaction that publishes `snapshot` (it runs after commit)."""
    enqueue_in_transaction(store_result_files, snapshot_id=snapshot.pk)


def stored_copy(
    snapshot: ResultSnapshot, file_format: str, *, chunk_bytes: int
) -> tuple[int, Iterator[bytes]] | None:
    """The stored copy as (its size, its chunks) when it exists and its checksum matches."""
    storage, name = storages["private"], copy_name(snapshot.pk, file_format)
    if _stored_digest(storage, name) != _expected(snapshot, file_format):
        return None
    size = storage.size(name)

    def chunks() -> Iterator[bytes]:
        with storage.open(name, "rb") as stored:
            yield from iter(lambda: stored.read(chunk_bytes), b"")

    return size, chunks()
