"""Delete old done-once marks: no task is run again that long after it was queued."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from jobs.models import DoneMark


class Command(BaseCommand):
    help = "Delete done-once marks (sent emails, notification batches) older than --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _kinds = DoneMark.objects.filter(done_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} mark(s).")
