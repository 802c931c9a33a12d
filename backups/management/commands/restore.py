"""`manage.py restore FOLDER [--database-url URL]`: a backup into an empty database and store."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import DUMP, BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Check a backup folder against its manifest and restore it into an empty database "
        "(DATABASE_URL, or --database-url) and empty media and private storages."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--database-url", help="restore into this database instead")

    def handle(self, *args, folder, database_url=None, **options):
        try:
            manifest = backup_restore(source=folder, database_url=database_url)
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(1 for entry in manifest["files"] if entry["path"] != DUMP)
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: the database and {files} files."
        )
