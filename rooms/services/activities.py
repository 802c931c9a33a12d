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
    rooms_on: dict[datetime.date, Room] | None = None,
    now: datetime.datetime | None = None,
) -> list[Booking]:
    """Make the activity's future dates (`slots`: key, start, end) its rooms' bookings,
    replacing the ones written before; refuse when a confirmed booking overlaps one. Each
    date books `room`, or its own in `rooms_on` (a date moved to another room; no room: not
    booked), and expects `people`, or its own number in `people_on` (a moved date's places).
    """
    people_on, rooms_on = people_on or {}, rooms_on or {}
    now = now or timezone.now()
    Booking.objects.filter(activity=activity, ends_at__gt=now).delete()
    by_room: dict[int, list] = {}
    for slot in slots:
        held_in = rooms_on.get(slot[0], room)
        if held_in is not None and slot[2] > now:
            by_room.setdefault(held_in.pk, []).append(slot)
    made = []
    for room_pk in sorted(by_room):  # locks taken in one order: no deadlock between two
        locked = _locked(Room(pk=room_pk))
        clashes = activity_clashes(room=locked, slots=by_room[room_pk])
        if clashes:
            raise refused("overlap", clash_message(clashes, room=locked))
        for slot in by_room[room_pk]:
            expected = people_on.get(slot[0], people)
            made.append(_activity_booking(activity, locked, slot, user_kind, expected, now))
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(made)
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise refused(
            "overlap", _("The room is already booked at the time of this activity.")
        ) from error
    cache_versions.pages_changed(None, listings=True)
    return made


def _activity_booking(activity, room: Room, slot, user_kind: str, people: int, now) -> Booking:
    key, starts_at, ends_at = slot
    return Booking(
        room=room,
        centre=room.centre,
        starts_at=starts_at,
        ends_at=ends_at,
        state=Booking.State.CONFIRMED,
        user_kind=user_kind,
        purpose=activity.title[:300],
        people=people,
        activity=activity,
        occurrence=key,
        created_at=now,
        decided_at=now,
    )
