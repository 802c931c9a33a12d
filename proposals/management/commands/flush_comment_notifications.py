"""Send the comment emails that are due (run every few minutes by the worker or cron)."""

from django.core.management.base import BaseCommand

from proposals.services.status import flush_comment_notifications


class Command(BaseCommand):
    help = (
        "Email followers about comments not yet reported to them, at most once an hour per "
        "proposal and follower. Safe to run often and in parallel: no email is sent twice."
    )

    def handle(self, *args, **options):
        sent = flush_comment_notifications()
        self.stdout.write(f"Sent {sent} comment email(s).")
