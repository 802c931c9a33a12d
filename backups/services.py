"""Write a backup folder, check one, and restore one into an empty database and store.

A backup folder holds:

    database.dump            `pg_dump --format=custom` of the database
    files/<storage>/<name>   every file of the "default" (media) and "private" storages
    manifest.json            the file list with each file's size and SHA-256, written last

It is written under a temporary name beside the target and renamed when complete, so a folder
with a manifest is a whole backup. The database is dumped first, as one consistent snapshot;
the files are copied after it. A file is stored before the row naming it commits, so every
file the dump refers to is copied, unless it was deleted in between (an expired export, which
the restored site then shows as missing); a file added in between is copied without a row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import posixpath
import shutil
import subprocess
from pathlib import Path
from typing import BinaryIO

import dj_database_url
import psycopg
from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections
from django.utils import timezone

STORAGE_ALIASES = ("default", "private")
MANIFEST = "manifest.json"
DUMP = "database.dump"
FORMAT = "mam-backup/1"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message says why."""


def _database(database_url: str | None) -> dict:
    database = (
        dj_database_url.parse(database_url)
        if database_url
        else connections["default"].settings_dict
    )
    if "postgresql" not in database["ENGINE"]:
        raise BackupError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://...); "
            "an SQLite database is one file: copy it while the site is stopped."
        )
    return database


def _libpq_environment(database: dict) -> dict[str, str]:
    """pg_dump and pg_restore read the connection from PG* variables: no password in `ps`."""
    environment = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    if database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    return environment


def _run(command: list[str], database: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)"
        )
    finished = subprocess.run(  # noqa: S603 (a fixed program; arguments are ours)
        command, env=_libpq_environment(database), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed: {finished.stderr.strip()}")


def stored_names(storage: Storage, folder: str = "") -> list[str]:
    """Every file name in `storage` (recursively), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local folder not created yet holds nothing
        return []
    names = [posixpath.join(folder, name) if folder else name for name in files]
    for sub in folders:
        names += stored_names(storage, posixpath.join(folder, sub) if folder else sub)
    return sorted(names)


def _copy(source: BinaryIO, target: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _sha256(path: Path) -> tuple[str, int]:
    with path.open("rb") as source:
        digest, size = hashlib.sha256(), 0
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def default_target(now: datetime.datetime) -> Path:
    """var/backups/<UTC time>, e.g. var/backups/20261204T031500Z."""
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / stamp


def backup_create(*, target: Path | None = None, now: datetime.datetime | None = None) -> Path:
    """Write the database and both storages' files into `target`; return the folder."""
    now = now or timezone.now()
    target = Path(target) if target else default_target(now)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder")
    database = _database(None)
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    _run(
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial / DUMP}"],
        database,
    )
    digest, size = _sha256(partial / DUMP)
    entries = [{"path": DUMP, "sha256": digest, "size": size}]
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        for name in stored_names(storage):
            relative = f"files/{alias}/{name}"
            destination = partial / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(name, "rb") as source, destination.open("wb") as copy:
                digest, size = _copy(source, copy)
            entries.append(
                {"path": relative, "storage": alias, "name": name, "sha256": digest, "size": size}
            )
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "code_version": settings.MAM_CODE_VERSION,
        "files": entries,
    }
    (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    if target.exists():
        target.rmdir()
    partial.rename(target)
    return target


def backup_verify(*, source: Path) -> dict:
    """Read `source`'s manifest and check every file against its SHA-256; return it."""
    source = Path(source).resolve()
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable {MANIFEST}: not a complete backup") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: unknown backup format {manifest.get('format')!r}")
    damaged = []
    for entry in manifest["files"]:
        path = (source / entry["path"]).resolve()
        if (
            not path.is_relative_to(source)
            or entry.get("storage", "default") not in STORAGE_ALIASES
        ):
            raise BackupError(f"{source}: {entry['path']!r} points outside the backup")
        if not path.is_file() or _sha256(path) != (entry["sha256"], entry["size"]):
            damaged.append(entry["path"])
    if damaged:
        raise BackupError(f"{source}: missing or changed since the backup: {', '.join(damaged)}")
    return manifest


def _has_tables(database: dict) -> bool:
    with psycopg.connect(
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname=database["NAME"],
        sslmode=database.get("OPTIONS", {}).get("sslmode"),
    ) as connection:
        row = connection.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname NOT IN "
            "('pg_catalog', 'information_schema'))"
        ).fetchone()
    return bool(row and row[0])


def backup_restore(*, source: Path, database_url: str | None = None) -> dict:
    """Restore `source` into the empty database (DATABASE_URL, or `database_url`) and the
    empty storages; return the manifest. Nothing is changed when a check fails."""
    source = Path(source).resolve()
    manifest = backup_verify(source=source)
    database = _database(database_url)
    if _has_tables(database):
        raise BackupError(f"The database {database['NAME']} is not empty: restore into a new one")
    for alias in STORAGE_ALIASES:
        if stored_names(storages[alias]):
            raise BackupError(f"The {alias!r} storage is not empty: restore into a new bucket")
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={database['NAME']}",
            str(source / DUMP),
        ],
        database,
    )
    for entry in manifest["files"]:
        if entry["path"] == DUMP:
            continue
        with (source / entry["path"]).open("rb") as copy:
            saved = storages[entry["storage"]].save(entry["name"], File(copy))
        if saved != entry["name"]:
            raise BackupError(f"{entry['name']} was stored as {saved}")
    # Page copies and versions in a shared cache describe the site before the restore.
    cache.clear()
    return manifest
