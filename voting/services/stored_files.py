"""One file of a storage, read and written safely: pinned to one version, moved into place.

`pin` opens a stored file and names its version (size and tag), so what is read afterwards is
that version and no other: on the local disk the open file itself (a rename over the name
leaves it as it was), in S3 a GET with `If-Match` on the object's ETag (the object as it was
when its ETag was read, or an error). `move_into_place` gives a complete temporary file its
final name in one step: on the local disk fsync'd before the rename, the folder after it, so a
power loss leaves either the old name or the whole new file, never a short one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from botocore.exceptions import ClientError
from django.core.files.storage import Storage
from storages.utils import clean_name, safe_join


@dataclass
class Pinned:
    """An open stored file: its size, its version tag, and its bytes (read once, in chunks)."""

    size: int
    tag: str
    _read: Callable[[int], Iterator[bytes]]
    _close: Callable[[], None] = field(default=lambda: None)

    def chunks(self, chunk_bytes: int) -> Iterator[bytes]:
        """The file's bytes in chunks of at most `chunk_bytes`; closes the file at the end."""
        try:
            yield from self._read(chunk_bytes)
        finally:
            self.close()

    def close(self) -> None:
        self._close()


def _s3_key(storage: Storage, name: str) -> str:
    return safe_join(storage.location, clean_name(name))


def _pin_s3(storage: Storage, name: str) -> Pinned | None:
    stored = storage.bucket.Object(_s3_key(storage, name))
    try:
        stored.load()  # HEAD: the size and the ETag of the object as it is now
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise
    etag = stored.e_tag

    def read(chunk_bytes: int) -> Iterator[bytes]:
        body = stored.get(IfMatch=etag)["Body"]  # 412 if the object changed since the HEAD
        try:
            yield from body.iter_chunks(chunk_bytes)
        finally:
            body.close()

    return Pinned(size=stored.content_length, tag=f"s3:{etag}", _read=read)


def _pin_disk(path: str) -> Pinned | None:
    try:
        opened = open(path, "rb")  # noqa: SIM115 (closed by Pinned)
    except FileNotFoundError:
        return None
    status = os.fstat(opened.fileno())  # the open file's own, whatever the name holds later
    tag = f"disk:{status.st_dev}:{status.st_ino}:{status.st_mtime_ns}"

    def read(chunk_bytes: int) -> Iterator[bytes]:
        yield from iter(lambda: opened.read(chunk_bytes), b"")

    return Pinned(size=status.st_size, tag=tag, _read=read, _close=opened.close)


def _pin_other(storage: Storage, name: str) -> Pinned | None:
    """Any other storage (the tests' memory): its size and modification time."""
    if not storage.exists(name):
        return None
    opened = storage.open(name, "rb")
    tag = f"other:{storage.get_modified_time(name).isoformat()}"

    def read(chunk_bytes: int) -> Iterator[bytes]:
        yield from iter(lambda: opened.read(chunk_bytes), b"")

    return Pinned(size=storage.size(name), tag=tag, _read=read, _close=opened.close)


def pin(storage: Storage, name: str) -> Pinned | None:
    """Open the stored file `name` pinned to its current version, or None when there is none."""
    if getattr(storage, "bucket", None) is not None:
        return _pin_s3(storage, name)
    try:
        path = storage.path(name)
    except NotImplementedError:
        return _pin_other(storage, name)
    return _pin_disk(path)


def _fsync(path: str) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def move_into_place(storage: Storage, part: str, name: str) -> None:
    """Give the complete file `part` the name `name` in one step where the storage can."""
    if getattr(storage, "bucket", None) is not None:
        # S3: a server-side copy; the object appears whole or not at all.
        bucket = storage.bucket
        source = {"Bucket": bucket.name, "Key": _s3_key(storage, part)}
        bucket.Object(_s3_key(storage, name)).copy_from(CopySource=source)
        storage.delete(part)
        return
    try:
        source, target = storage.path(part), storage.path(name)
    except NotImplementedError:  # another storage (the tests' memory): written again
        if storage.exists(name):
            storage.delete(name)
        with storage.open(part, "rb") as whole:
            storage.save(name, whole)
        storage.delete(part)
        return
    _fsync(source)  # the bytes on the disk before the name points at them
    os.replace(source, target)
    folder = os.path.dirname(target)
    _fsync(folder)  # the rename itself
    _fsync(os.path.dirname(folder))  # the folder, when this copy created it
