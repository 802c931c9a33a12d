"""Email tomorrow's participants a reminder (run hourly by the worker's schedule or cron)."""

from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = (
        "Email everyone with a confirmed place for tomorrow's activities a reminder with the "
        "place and the cancel link. Safe to run often: nobody gets the same reminder twice."
    )

    def handle(self, *args, **options):
        sent = reminders_send()
        self.stdout.write(f"Sent {sent} reminder(s).")
