"""A backup is checked against its manifest before anything is restored."""

import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from backups.services import BackupError, backup_verify


def _backup(folder, files: dict[str, bytes]):
    entries = []
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
        entry = {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        if path.startswith("files/"):
            entry |= {"storage": "default", "name": path.removeprefix("files/default/")}
        entries.append(entry)
    manifest = {"format": "mam-backup/1", "created_at": "2026-12-04T03:00:00+00:00"}
    (folder / "manifest.json").write_text(json.dumps(manifest | {"files": entries}))
    return folder


def test_an_intact_backup_passes_the_check(tmp_path):
    folder = _backup(tmp_path, {"database.dump": b"PGDMP", "files/default/a/b.jpg": b"\xff\xd8"})
    assert len(backup_verify(source=folder)["files"]) == 2


def test_a_changed_file_is_named_and_nothing_is_restored(tmp_path):
    folder = _backup(tmp_path, {"database.dump": b"PGDMP", "files/default/a/b.jpg": b"\xff\xd8"})
    (folder / "files/default/a/b.jpg").write_bytes(b"\x00\x00")
    with pytest.raises(CommandError, match="files/default/a/b.jpg"):
        call_command("restore", str(folder))


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="not a complete backup"):
        backup_verify(source=tmp_path)


def test_a_manifest_pointing_outside_the_backup_is_refused(tmp_path):
    folder = _backup(tmp_path / "b", {"database.dump": b"PGDMP"})
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"].append({"path": "../secret", "sha256": "0" * 64, "size": 0})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="outside"):
        backup_verify(source=folder)


@pytest.mark.django_db
def test_a_backup_of_sqlite_says_it_needs_postgresql(tmp_path):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pass checks the message for SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("backup", output=tmp_path / "backup")
