"""Photos of previews nobody published are deleted once their token has expired."""

import datetime
from io import StringIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from proposals.views.preview_photos import TMP_DIR, TOKEN_MAX_AGE


def store(folder, name="photo.jpg"):
    return default_storage.save(f"{TMP_DIR}/{folder}/{name}", ContentFile(b"jpeg"))


def test_expired_preview_photos_are_deleted_and_fresh_ones_kept(monkeypatch):
    old = store("old-preview")
    fresh = store("fresh-preview")
    later = timezone.now() + datetime.timedelta(seconds=TOKEN_MAX_AGE + 60)

    def modified(name):
        if "old-preview" in name:
            return later - datetime.timedelta(seconds=TOKEN_MAX_AGE + 30)
        return later

    # The test settings' in-memory storage keeps no times, so the test supplies them.
    monkeypatch.setattr(default_storage._wrapped, "get_modified_time", modified, raising=False)
    monkeypatch.setattr(timezone, "now", lambda: later)
    out = StringIO()
    call_command("clear_preview_photos", stdout=out)

    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
    assert "Removed" in out.getvalue()


def test_expired_preview_photos_are_deleted_from_a_bucket(s3_storages, monkeypatch):
    old = store("old-preview")
    monkeypatch.setattr(
        timezone,
        "now",
        lambda: (
            datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=TOKEN_MAX_AGE + 60)
        ),
    )
    call_command("clear_preview_photos", stdout=StringIO())
    assert old not in s3_storages.keys("media")


def test_no_preview_folder_means_nothing_to_remove(s3_storages):
    out = StringIO()
    call_command("clear_preview_photos", stdout=out)
    assert "No preview photos." in out.getvalue()
