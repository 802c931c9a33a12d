"""Queue the copy of published ballot files that the private storage does not hold yet.

    python manage.py store_result_copies

For results published before the copies existed (or whose copy was lost): the worker copies
each once, checked against the result's SHA-256. Safe to run again at any time.
"""

from django.core.management.base import BaseCommand

from voting.services.result_copies import result_copies_backfill


class Command(BaseCommand):
    help = "Queue the copy of every published result's ballot files missing from the storage."

    def handle(self, *args, **options):
        queued = result_copies_backfill()
        listed = ", ".join(str(pk) for pk in queued) or "none"
        self.stdout.write(f"Queued the copy of {len(queued)} published result(s): {listed}.")
