"""Queue the periodic jobs that are due, once (for a timer when no worker runs them)."""

from django.core.management.base import BaseCommand

from jobs.services import periodic_enqueue_due


class Command(BaseCommand):
    help = (
        "Queue the jobs of config/schedule.py that are due. Every `db_worker` does this "
        "every few seconds; this command is for a system timer or a check by hand."
    )

    def handle(self, *args, **options):
        queued = periodic_enqueue_due()
        self.stdout.write(f"Queued {len(queued)} job(s): {', '.join(queued) or '-'}.")
