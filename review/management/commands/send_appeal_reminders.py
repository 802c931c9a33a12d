"""Email the officials who decide appeals a digest of those due soon or overdue (hourly)."""

from django.core.management.base import BaseCommand

from review.services import appeal_reminders_send


class Command(BaseCommand):
    help = (
        "Email each official who may decide appeals a digest of the appeals due within "
        "MAM_APPEAL_REMINDER_DAYS or overdue. Safe to run often: each appeal once a day."
    )

    def handle(self, *args, **options):
        sent = appeal_reminders_send()
        self.stdout.write(f"Sent {sent} digest(s).")
