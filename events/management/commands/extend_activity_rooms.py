"""Book repeating activities' rooms a year ahead from today (run daily by the worker's schedule)."""

from django.core.management.base import BaseCommand

from events.services import activity_rooms_extend


class Command(BaseCommand):
    help = (
        "Book the rooms of live repeating activities for their dates of the coming year, so a "
        "weekly activity keeps its room blocked however long ago it was published."
    )

    def handle(self, *args, **options):
        synced, clashed = activity_rooms_extend()
        self.stdout.write(f"Booked rooms of {synced} activity(ies).")
        for activity in clashed:
            self.stderr.write(f"Room clash, left as it was: {activity.pk} {activity.title}")
