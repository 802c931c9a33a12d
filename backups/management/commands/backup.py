"""`manage.py backup [--output DIR]`: the database and both file storages, with checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a backup (pg_dump of the database, every media and private file, a manifest "
        "with their SHA-256) into a new folder, by default var/backups/<UTC time>."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="a new or empty folder")

    def handle(self, *args, output=None, **options):
        try:
            folder = backup_create(target=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {folder}")
