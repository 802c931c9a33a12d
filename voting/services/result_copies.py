"""Copies of the published ballot files in the private storage (S3 when configured).

The database keeps the truth: each `ResultFile` is written in the transaction that publishes
its result. Once that commits, a task copies each file to the private storage, once
(`run_once`): the bytes are read from the database once, in chunks, hashed as they are read,
and stored only if they have the SHA-256 the results page shows; the copy is written under a
temporary name and then moved to its own (a rename on disk, a server-side copy in S3), so a
worker killed mid-copy leaves at most a temporary file, which the next run deletes, and a
half-written file never has the name downloads read. Downloads read the stored copy
when it is there and its checksum matches, the database otherwise. The backup copies the
private storage with the other private files (backups/services.py).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterable, Iterator

from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import BinaryField
from django.db.models.functions import Length, Substr
from django_tasks import task
from storages.utils import clean_name, safe_join

from jobs.models import DoneMark
from jobs.services import enqueue_in_transaction, run_once
from voting.models import ResultFile, ResultSnapshot

FOLDER = "results"
PART = "ballots.part-"  # the start of a temporary (maybe half-written) copy's name
READ_BYTES = 256 * 1024


class CopyMismatch(RuntimeError):
    """A ballot file (stored or read back) does not have the checksum of its result."""


def copy_name(snapshot_id: int, file_format: str) -> str:
    """Where the copy of a published ballot file lives in the private storage."""
    return f"{FOLDER}/{snapshot_id}/ballots.{file_format}"


def done_key(snapshot_id: int) -> str:
    return f"mam_result_files:{snapshot_id}"


def _expected(snapshot: ResultSnapshot, file_format: str) -> str:
    if file_format == ResultFile.Format.JSON:
        return snapshot.ballots_checksum
    return snapshot.csv_checksum


def file_chunks(pk: int, size: int, chunk_bytes: int) -> Iterator[bytes]:
    """The bytes of ResultFile `pk` (`size` long), each chunk read from the database alone."""
    for start in range(0, size, chunk_bytes):
        part = (
            ResultFile.objects.filter(pk=pk)
            .annotate(part=Substr("content", start + 1, chunk_bytes, output_field=BinaryField()))
            .values_list("part", flat=True)
            .first()
        )
        if part is None:  # deleted meanwhile (retention): the file ends short
            return
        yield bytes(part)


def _stored_digest(storage: Storage, name: str) -> str | None:
    """The SHA-256 of the stored file `name`, or None when there is none."""
    if not storage.exists(name):
        return None
    digest = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        for part in iter(lambda: stored.read(READ_BYTES), b""):
            digest.update(part)
    return digest.hexdigest()


def _drop_parts(storage: Storage, snapshot_id: int) -> None:
    """Delete the temporary copies a killed run left behind."""
    folder = f"{FOLDER}/{snapshot_id}"
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        if name.startswith(PART):
            storage.delete(f"{folder}/{name}")


def _move(storage: Storage, part: str, name: str) -> None:
    """Give the complete copy `part` its name `name` in one step where the storage can."""
    try:
        os.replace(storage.path(part), storage.path(name))  # the local disk: a rename
        return
    except NotImplementedError:
        pass
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:  # S3: a server-side copy; the object appears whole or not at all
        source = safe_join(storage.location, clean_name(part))
        target = safe_join(storage.location, clean_name(name))
        bucket.Object(target).copy_from(CopySource={"Bucket": bucket.name, "Key": source})
    else:  # another storage (the tests' memory): written again under its name
        if storage.exists(name):
            storage.delete(name)
        with storage.open(part, "rb") as whole:
            storage.save(name, whole)
    storage.delete(part)


def _copy(storage: Storage, name: str, chunks: Iterable[bytes], expected: str) -> None:
    """Store `chunks` as `name` if their SHA-256 is `expected` (else raise CopyMismatch).

    The chunks are hashed as they are read, into a spool that moves to a temporary file past
    READ_BYTES (they are read in this thread: S3 uploads run in threads of their own, with
    connections that would not see this transaction). The copy is written under a temporary
    name and moved to `name` once complete.
    """
    with tempfile.SpooledTemporaryFile(max_size=READ_BYTES) as spool:
        digest, size = hashlib.sha256(), 0
        for chunk in chunks:
            digest.update(chunk)
            size += spool.write(chunk)
        if digest.hexdigest() != expected:
            raise CopyMismatch(f"{name}: the database's file does not have its checksum")
        spool.seek(0)
        file_format = name.rsplit(".", 1)[-1]
        part = f"{name.rsplit('/', 1)[0]}/{PART}{uuid.uuid4().hex}.{file_format}"
        saved = storage.save(part, File(spool, name=part))
    try:
        if storage.size(saved) != size:
            raise CopyMismatch(f"{name}: {size} bytes read, another size stored")
        _move(storage, saved, name)
    finally:
        if storage.exists(saved):
            storage.delete(saved)


def result_files_store(*, snapshot_id: int) -> list[str]:
    """Write the result's ballot files to the private storage, each checked; return the names."""
    snapshot = ResultSnapshot.objects.filter(pk=snapshot_id, published_at__isnull=False).first()
    if snapshot is None:  # unpublished or deleted since: nothing to copy
        return []
    storage = storages["private"]
    _drop_parts(storage, snapshot.pk)
    names = []
    files = ResultFile.objects.filter(snapshot=snapshot).annotate(size=Length("content"))
    for pk, file_format, size in files.order_by("pk").values_list("pk", "format", "size"):
        expected, name = _expected(snapshot, file_format), copy_name(snapshot.pk, file_format)
        if _stored_digest(storage, name) != expected:  # none yet, or a damaged one
            _copy(storage, name, file_chunks(pk, size, READ_BYTES), expected)
        names.append(name)
    return names


@task()
def store_result_files(*, snapshot_id: int) -> None:
    """Copy a published result's ballot files to the private storage; once, even if re-run."""
    run_once(done_key(snapshot_id), lambda: result_files_store(snapshot_id=snapshot_id))


def result_files_enqueue(snapshot: ResultSnapshot) -> None:
    """Queue the copy in the transaction that publishes `snapshot` (it runs after commit)."""
    enqueue_in_transaction(store_result_files, snapshot_id=snapshot.pk)


def result_copies_backfill() -> list[int]:
    """Queue the copy of every published result that has no complete copy stored; their ids.

    For results published before the copies existed, or whose copy was lost. Safe to run
    again: a result whose copy is stored is skipped, and a task queued twice copies once.
    """
    storage, queued = storages["private"], []
    for snapshot in ResultSnapshot.objects.filter(published_at__isnull=False).order_by("pk"):
        formats = snapshot.files.values_list("format", flat=True)
        if all(storage.exists(copy_name(snapshot.pk, each)) for each in formats):
            continue
        with transaction.atomic():
            DoneMark.objects.filter(key=done_key(snapshot.pk)).delete()  # copy it again
            result_files_enqueue(snapshot)
        queued.append(snapshot.pk)
    return queued


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
