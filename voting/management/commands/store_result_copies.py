"""Queue the copy of published ballot files the private storage does not hold intact.

    python manage.py store_result_copies

For results published before the copies existed, or whose copy was lost, cut short or
damaged: each stored copy is read whole and checked against the database's record (size and
SHA-256); the worker copies each result queued once, checked again. Safe to run again.
"""

from django.core.management.base import BaseCommand

from voting.services.result_copies import result_copies_backfill


class Command(BaseCommand):
    help = "Queue the copy of every published result's ballot files missing or damaged in storage."

    def handle(self, *args, **options):
        queued = result_copies_backfill()
        listed = ", ".join(str(pk) for pk, _wrong in queued) or "none"
        self.stdout.write(f"Queued the copy of {len(queued)} published result(s): {listed}.")
        for pk, wrong in queued:
            states = ", ".join(f"{file_format} {state}" for file_format, state in wrong.items())
            self.stdout.write(f"  result {pk}: {states}")
