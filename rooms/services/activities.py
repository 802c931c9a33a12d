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
from rooms.services.common import _locked, _overlapping


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
    made, _clashes = _replace(
        activity, room, slots, user_kind, people, people_on, rooms_on, now, skip=False
    )
    return made


@transaction.atomic
def activity_bookings_replace_free(
    *,
    activity,
    room: Room | None,
    slots: list[tuple[datetime.date, datetime.datetime, datetime.datetime]],
    user_kind: str,
    people: int = 0,
    people_on: dict[datetime.date, int] | None = None,
    rooms_on: dict[datetime.date, Room] | None = None,
    now: datetime.datetime | None = None,
) -> tuple[list[Booking], list[Booking]]:
    """As `activity_bookings_replace`, but never refuse: a date that overlaps a confirmed
    booking (found under the room's lock, or by PostgreSQL's exclusion constraint when
    something booked it in between) is left without a booking. Returns (the bookings made,
    the confirmed bookings that kept dates out)."""
    return _replace(activity, room, slots, user_kind, people, people_on, rooms_on, now, skip=True)


def _replace(activity, room, slots, user_kind, people, people_on, rooms_on, now, *, skip):
    people_on, rooms_on = people_on or {}, rooms_on or {}
    now = now or timezone.now()
    Booking.objects.filter(activity=activity, ends_at__gt=now).delete()
    by_room: dict[int, list] = {}
    for slot in slots:
        held_in = rooms_on.get(slot[0], room)
        if held_in is not None and slot[2] > now:
            by_room.setdefault(held_in.pk, []).append(slot)
    made, clashes = [], []
    for room_pk in sorted(by_room):  # locks taken in one order: no deadlock between two
        locked = _locked(Room(pk=room_pk))
        found = activity_clashes(room=locked, slots=by_room[room_pk])
        if found and not skip:
            raise refused("overlap", clash_message(found, room=locked))
        clashes += found
        for slot in by_room[room_pk]:
            if any(c.starts_at < slot[2] and c.ends_at > slot[1] for c in found):
                continue
            expected = people_on.get(slot[0], people)
            made.append(_activity_booking(activity, locked, slot, user_kind, expected, now))
    made = _insert(made, clashes if skip else None)
    cache_versions.pages_changed(None, listings=True)
    return made, clashes


def _insert(made: list[Booking], clashes: list[Booking] | None) -> list[Booking]:
    """Write the bookings at once; when the exclusion constraint (PostgreSQL) says one
    overlaps, refuse (`clashes` None) or write them one by one, leaving out those that
    overlap and adding what they overlap to `clashes`."""
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(made)
    except IntegrityError as error:
        if clashes is None:
            raise refused(
                "overlap", _("The room is already booked at the time of this activity.")
            ) from error
    else:
        return made
    written = []
    for booking in made:
        booking.pk = None
        try:
            with transaction.atomic():
                booking.save(force_insert=True)
        except IntegrityError:
            clashes += list(_overlapping(booking.room, booking.starts_at, booking.ends_at))
        else:
            written.append(booking)
    return written


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
