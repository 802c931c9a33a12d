from django.core.management.base import BaseCommand

from retention.services import apply_retention


class Command(BaseCommand):
    help = (
        "Delete or anonymise personal data whose retention period is over (MAM_RETENTION_DAYS; "
        "docs/retention.md) and record what went. Safe to run daily: a second run does nothing."
    )

    def handle(self, *args, **options):
        records = apply_retention()
        for record in records:
            self.stdout.write(
                f"{record.get_kind_display()}: {record.count} {record.get_action_display()} "
                f"(older than {record.period_days} days)."
            )
        if not records:
            self.stdout.write("Nothing has expired.")
