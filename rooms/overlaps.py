"""Which confirmed bookings of a room an activity's dates would overlap, and saying so.

Imports only models, so that events' page model can ask while the apps load.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from rooms.models import Booking, Room
from rooms.selectors import local


def when(moment: datetime.datetime) -> str:
    return formats.date_format(local(moment), "j E Y, H:i")


def activity_clashes(
    *,
    room: Room,
    slots: list[tuple[datetime.date, datetime.datetime, datetime.datetime]],
    activity_pk=None,
) -> list[Booking]:
    """Confirmed bookings, other than the activity's own dates, that overlap any of `slots`
    (planned day, start, end): one query however many dates."""
    if not slots:
        return []
    others = Booking.objects.confirmed().filter(room=room)
    if activity_pk is not None:
        others = others.exclude(activity_id=activity_pk)
    first, last = min(s for _k, s, _e in slots), max(e for _k, _s, e in slots)
    taken = list(others.overlapping(first, last))
    found = []
    for _key, starts_at, ends_at in slots:
        found += [b for b in taken if b.starts_at < ends_at and b.ends_at > starts_at]
    return found


def activity_clashes_in_rooms(
    *,
    slots_by_room: dict[int, list[tuple[datetime.date, datetime.datetime, datetime.datetime]]],
    activity_pk=None,
) -> dict[int, list[Booking]]:
    """For each room id, the confirmed bookings other than the activity's own dates that
    overlap any of its slots (planned day, start, end): one query however many rooms."""
    every = [slot for slots in slots_by_room.values() for slot in slots]
    if not every:
        return {}
    others = Booking.objects.confirmed().filter(room_id__in=list(slots_by_room))
    if activity_pk is not None:
        others = others.exclude(activity_id=activity_pk)
    first, last = min(s for _k, s, _e in every), max(e for _k, _s, e in every)
    found: dict[int, list[Booking]] = {room_id: [] for room_id in slots_by_room}
    for booking in others.overlapping(first, last).order_by("starts_at", "pk"):
        if any(
            booking.starts_at < ends_at and booking.ends_at > starts_at
            for _key, starts_at, ends_at in slots_by_room[booking.room_id]
        ):
            found[booking.room_id].append(booking)
    return found


def clash_message(clashes: list[Booking], *, room: Room | None = None) -> str:
    dates = ", ".join(when(c.starts_at) for c in clashes[:5])
    if room is not None:
        return _(
            "The room %(room)s is booked at the time of this activity (%(dates)s). Choose "
            "another room or time, or ask the centre to move the booking."
        ) % {"room": room.name, "dates": dates}
    return _(
        "The room is booked at the time of this activity (%(dates)s). Choose another room or "
        "time, or ask the centre to move the booking."
    ) % {"dates": dates}
