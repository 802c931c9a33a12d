from django.core.management.base import BaseCommand

from outcomes.exports.services import clear_old_exports, retention_days


class Command(BaseCommand):
    help = "Delete the files of background exports older than MAM_EXPORT_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days=None, **options):
        cleared = clear_old_exports(days=days if days is not None else retention_days())
        self.stdout.write(f"Deleted {cleared} old export(s).")
