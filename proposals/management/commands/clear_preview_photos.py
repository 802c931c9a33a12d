"""Delete photos kept for the check-your-answers step of proposals that were never published."""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from proposals.views.preview_photos import TMP_DIR, TOKEN_MAX_AGE


class Command(BaseCommand):
    help = (
        "Delete preview photos older than the preview token's lifetime (their token can no "
        "longer be used). Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(seconds=TOKEN_MAX_AGE)
        # Not `exists(TMP_DIR)`: a bucket has no folders, only names that share a prefix.
        try:
            folders, _files = default_storage.listdir(TMP_DIR)
        except FileNotFoundError:
            folders = []
        if not folders:
            self.stdout.write("No preview photos.")
            return
        removed = 0
        for folder in folders:
            path = f"{TMP_DIR}/{folder}"
            _subfolders, names = default_storage.listdir(path)
            paths = [f"{path}/{name}" for name in names]
            if paths and max(default_storage.get_modified_time(p) for p in paths) > cutoff:
                continue  # someone may still be on the preview step
            for file_path in paths:
                default_storage.delete(file_path)
            removed += 1
        self.stdout.write(f"Removed {removed} abandoned preview folder(s).")
