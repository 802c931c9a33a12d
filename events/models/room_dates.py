"""The dates an activity holds in its room, a year ahead (the room's bookings check them)."""

import datetime

from django.utils import timezone

from events import recurrence

ROOM_DAYS = 366  # how far ahead an activity's dates book its room


def room_dates(activity, *, now=None) -> list:
    """The activity's dates (occurrences) from now for a year."""
    now = now or timezone.now()
    return recurrence.occurrences(activity, start=now, end=now + datetime.timedelta(days=ROOM_DAYS))


def room_slots(activity, *, now=None) -> list[tuple]:
    """The dates from now for a year held in the activity's own room (not those moved to
    another room): (planned day, start, end)."""
    found = room_dates(activity, now=now)
    return [
        (o.key, o.starts_at, o.ends_at)
        for o in found
        if o.own_room is None or o.own_room.pk == activity.room_id
    ]
