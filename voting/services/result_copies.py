"""Copies of the published ballot files in the private storage (S3 when configured).

The database keeps the truth: each `ResultFile` is written in the transaction that publishes
its result. Once that commits, a task copies each file to the private storage, once
(`run_once`): the bytes are read from the database once, in chunks, hashed as they are read,
and stored only if they have the SHA-256 the results page shows; the copy is written under a
temporary name and then moved to its own (an fsync'd rename on disk, a server-side copy in
S3), so a worker killed mid-copy leaves at most a temporary file, which the next run deletes,
and a half-written file never has the name downloads read. The copy is then read back and,
when intact, marked verified in the cache, keyed on its version (size and ETag, or inode and
mtime): a download reads it once, hashing as it streams, and holds back the last chunk until
the hash matches (docs/deployment.md, "Published ballot files"). The backup copies the
private storage with the other private files (backups/services.py).
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import uuid
from collections.abc import Iterable, Iterator

from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import BinaryField
from django.db.models.functions import Length, Substr
from django_tasks import task

from jobs.models import DoneMark
from jobs.services import enqueue_in_transaction, run_once
from voting.models import ResultFile, ResultSnapshot
from voting.services import stored_files

logger = logging.getLogger(__name__)

FOLDER = "results"
PART = "ballots.part-"  # the start of a temporary (maybe half-written) copy's name
READ_BYTES = 256 * 1024
MARK_SECONDS = 30 * 24 * 3600  # a lost mark costs one more reading of the copy, no more
INTACT, MISSING, SHORT, DAMAGED = "intact", "missing", "short", "damaged"


class CopyMismatch(RuntimeError):
    """A ballot file (stored or read back) does not have the checksum of its result."""


def copy_name(snapshot_id: int, file_format: str) -> str:
    """Where the copy of a published ballot file lives in the private storage."""
    return f"{FOLDER}/{snapshot_id}/ballots.{file_format}"


def done_key(snapshot_id: int) -> str:
    return f"mam_result_files:{snapshot_id}"


def _mark_key(snapshot_id: int, file_format: str, pinned: stored_files.Pinned) -> str:
    """The cache key saying this version of the copy was read whole and had its checksum."""
    version = hashlib.sha256(f"{pinned.size}:{pinned.tag}".encode()).hexdigest()[:32]
    return f"mam_result_copy_ok:{snapshot_id}:{file_format}:{version}"


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


def copy_state(
    storage: Storage, snapshot_id: int, file_format: str, expected: str, *, size: int | None = None
) -> str:
    """Read the stored copy once and say whether it is INTACT (then marked verified), MISSING,
    SHORT or DAMAGED against the result's SHA-256 `expected` and the file's `size`."""
    pinned = stored_files.pin(storage, copy_name(snapshot_id, file_format))
    if pinned is None:
        return MISSING
    if size is not None and pinned.size != size:
        pinned.close()
        return SHORT if pinned.size < size else DAMAGED
    digest = hashlib.sha256()
    for chunk in pinned.chunks(READ_BYTES):
        digest.update(chunk)
    if digest.hexdigest() != expected:
        return DAMAGED
    cache.set(_mark_key(snapshot_id, file_format, pinned), expected, MARK_SECONDS)
    return INTACT


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
        stored_files.move_into_place(storage, saved, name)
    finally:
        if storage.exists(saved):
            storage.delete(saved)


def _files(snapshot: ResultSnapshot):
    """(pk, format, size) of each of the result's files in the database."""
    files = ResultFile.objects.filter(snapshot=snapshot).annotate(size=Length("content"))
    return files.order_by("pk").values_list("pk", "format", "size")


def result_files_store(*, snapshot_id: int) -> list[str]:
    """Write the result's ballot files to the private storage, each checked; return the names."""
    snapshot = ResultSnapshot.objects.filter(pk=snapshot_id, published_at__isnull=False).first()
    if snapshot is None:  # unpublished or deleted since: nothing to copy
        return []
    storage = storages["private"]
    _drop_parts(storage, snapshot.pk)
    names = []
    for pk, file_format, size in _files(snapshot):
        expected, name = _expected(snapshot, file_format), copy_name(snapshot.pk, file_format)
        if copy_state(storage, snapshot.pk, file_format, expected, size=size) != INTACT:
            _copy(storage, name, file_chunks(pk, size, READ_BYTES), expected)
            # Read back: the bytes under the name are the file's (and the copy is marked).
            if copy_state(storage, snapshot.pk, file_format, expected, size=size) != INTACT:
                raise CopyMismatch(f"{name}: the stored copy does not read back as written")
        names.append(name)
    return names


@task()
def store_result_files(*, snapshot_id: int) -> None:
    """Copy a published result's ballot files to the private storage; once, even if re-run."""
    run_once(done_key(snapshot_id), lambda: result_files_store(snapshot_id=snapshot_id))


def result_files_enqueue(snapshot: ResultSnapshot) -> None:
    """Queue the copy in the transaction that publishes `snapshot` (it runs after commit)."""
    enqueue_in_transaction(store_result_files, snapshot_id=snapshot.pk)


def result_copies_backfill() -> list[tuple[int, dict[str, str]]]:
    """Queue the copy of every published result whose stored copy is not intact; return each
    queued result's id with what was wrong ({format: MISSING, SHORT or DAMAGED}).

    Each copy is read whole and checked against the database's record (its size and the
    result's SHA-256). For results published before the copies existed, or whose copy was
    lost, cut short or damaged. Safe to run again: a result whose copies are intact is
    skipped, and a task queued twice copies once.
    """
    storage, queued = storages["private"], []
    for snapshot in ResultSnapshot.objects.filter(published_at__isnull=False).order_by("pk"):
        wrong = {}
        for _pk, file_format, size in _files(snapshot):
            expected = _expected(snapshot, file_format)
            state = copy_state(storage, snapshot.pk, file_format, expected, size=size)
            if state != INTACT:
                wrong[file_format] = state
        if not wrong:
            continue
        with transaction.atomic():
            DoneMark.objects.filter(key=done_key(snapshot.pk)).delete()  # copy it again
            result_files_enqueue(snapshot)
        queued.append((snapshot.pk, wrong))
    return queued


def _checked(
    pinned: stored_files.Pinned, expected: str, mark: str, chunk_bytes: int
) -> Iterator[bytes]:
    """The copy's chunks, hashed as they go; the last one is sent only once the hash matches.

    A copy changed since it was verified (in place, its version unchanged) ends the download
    with an error before its last chunk: the client gets a short response (Content-Length
    promised more), never a whole file without the result's checksum; the mark is dropped,
    so the next download checks the copy again and falls back to the database.
    """
    digest, held = hashlib.sha256(), None
    try:
        for chunk in pinned.chunks(chunk_bytes):
            digest.update(chunk)
            if held is not None:
                yield held
            held = chunk
    finally:
        pinned.close()
    if digest.hexdigest() != expected:
        cache.delete(mark)
        logger.error("The stored copy %s changed since it was verified; download cut", mark)
        raise CopyMismatch(f"{mark}: the stored copy does not have its checksum")
    if held is not None:
        yield held


def stored_copy(
    snapshot: ResultSnapshot, file_format: str, *, chunk_bytes: int
) -> tuple[int, Iterator[bytes]] | None:
    """The stored copy as (its size, its checked chunks) when it is intact, else None.

    Read once when this version of the copy is marked verified (the worker marks it when it
    stores it); otherwise it is verified first (read whole, once per version of the copy).
    """
    storage, expected = storages["private"], _expected(snapshot, file_format)
    pinned = stored_files.pin(storage, copy_name(snapshot.pk, file_format))
    if pinned is None:
        return None
    mark = _mark_key(snapshot.pk, file_format, pinned)
    if cache.get(mark) != expected:
        pinned.close()
        if copy_state(storage, snapshot.pk, file_format, expected) != INTACT:
            logger.warning("The stored copy of result %s (%s) is damaged", snapshot.pk, file_format)
            return None
        pinned = stored_files.pin(storage, copy_name(snapshot.pk, file_format))
        if pinned is None:
            return None
        mark = _mark_key(snapshot.pk, file_format, pinned)
        if cache.get(mark) != expected:  # replaced since it was verified: the database now
            pinned.close()
            return None
    return pinned.size, _checked(pinned, expected, mark, chunk_bytes)
