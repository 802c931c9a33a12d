"""Email officials about cases due soon and due today (run hourly by the worker's schedule)."""

from django.core.management.base import BaseCommand

from casework.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email the person or department holding each open case a reminder before its due "
        "date (MAM_CASE_REMINDER_DAYS) and on the day. Safe to run often: each once."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Sent {sent} reminder(s).")
