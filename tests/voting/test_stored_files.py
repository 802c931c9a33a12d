"""A stored file is moved into place durably on the local disk: its bytes are fsync'd before
the rename gives it its final name, and the folder after it (a power loss cannot leave a short
file under the final name). A power loss itself cannot be simulated here: the test proves the
order of the calls."""

import os

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from voting.services import stored_files


def _path_of(descriptor: int) -> str:
    return os.readlink(f"/proc/self/fd/{descriptor}")


def test_the_file_is_fsynced_before_the_rename_and_its_folder_after(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path)
    part = storage.save("results/7/ballots.part-1.json", ContentFile(b'{"ballots": []}'))
    calls = []
    fsync, replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(("fsync", _path_of(fd))) or fsync(fd))
    monkeypatch.setattr(
        os, "replace", lambda a, b: calls.append(("replace", str(a), str(b))) or replace(a, b)
    )
    stored_files.move_into_place(storage, part, "results/7/ballots.json")
    folder = tmp_path / "results" / "7"
    assert calls == [
        ("fsync", str(folder / "ballots.part-1.json")),
        ("replace", str(folder / "ballots.part-1.json"), str(folder / "ballots.json")),
        ("fsync", str(folder)),
        ("fsync", str(tmp_path / "results")),
    ]
    assert (folder / "ballots.json").read_bytes() == b'{"ballots": []}'
    assert not (folder / "ballots.part-1.json").exists()


def test_a_pinned_file_reads_the_version_it_opened_although_the_name_moved_on(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    storage.save("a.json", ContentFile(b"first"))
    pinned = stored_files.pin(storage, "a.json")
    storage.save("b.json", ContentFile(b"second"))
    os.replace(tmp_path / "b.json", tmp_path / "a.json")
    assert b"".join(pinned.chunks(2)) == b"first"
    again = stored_files.pin(storage, "a.json")
    again.close()
    assert again.tag != pinned.tag
