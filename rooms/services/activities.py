"""Activities held in a room: their dates are the room's confirmed bookings (called by
events' services)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config import cache_versions
from consultations.participation import refused
from rooms.models import Booking, Room
from rooms.overlaps import activity_clashes, clash_message
from rooms.services.common import _locked


@transaction.atomic
def activity_bookings_replace(
    *,
    activity,
    room: Room | None,
    slots: list[tuple[datetime.date, datetime.datetime, datetime.datetime]],
    user_kind: str,
    people: int = 0,
    people_on: dict[datetime.date, int] | None = None,
    now: datetime.datetime | None = None,
) -> list[Booking]:
    """Make the activity's future dates (`slots`: key, start, end) its room's bookings,
    replacing the ones written before; refuse when a confirmed booking overlaps one. Each
    expects `people`, or a date's own number in `people_on` (a moved date's places)."""
    people_on = people_on or {}
    now = now or timezone.now()
    future = Booking.objects.filter(activity=activity, ends_at__gt=now)
    if room is None:
        future.delete()
        cache_versions.pages_changed(None, listings=True)
        return []
    room = _locked(room)
    future.delete()
    slots = [slot for slot in slots if slot[2] > now]
    clashes = activity_clashes(room=room, slots=slots)
    if clashes:
        raise refused("overlap", clash_message(clashes))
    made = [
        Booking(
            room=room,
            centre=room.centre,
            starts_at=starts_at,
            ends_at=ends_at,
            state=Booking.State.CONFIRMED,
            user_kind=user_kind,
            purpose=activity.title[:300],
            people=people_on.get(key, people),
            activity=activity,
            occurrence=key,
            created_at=now,
            decided_at=now,
        )
        for key, starts_at, ends_at in slots
    ]
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(made)
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise refused(
            "overlap", _("The room is already booked at the time of this activity.")
        ) from error
    cache_versions.pages_changed(None, listings=True)
    return made
