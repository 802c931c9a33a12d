"""Dates left without their room: publishing never fails on a room clash (events.services.
rooms), so a date held in a room the activity could not book stays "unbooked". One rule says
which dates those are (`unbooked`); the date's staff screen names what is in the way
(`room_clashes`), the dates list and the rooms' staff calendar mark them
(`unbooked_in_rooms`, asked by rooms through the `mam_room_unbooked_dates` hook). Each read
costs a fixed number of queries however many dates and rooms.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from events import selectors
from events.models import ActivityPage, DateChange, with_date_changes
from events.models.room_dates import ROOM_DAYS, room_dates
from events.recurrence import Occurrence
from rooms import overlaps
from rooms.models import Booking


def room_id(occurrence: Occurrence) -> int | None:
    """The room the date is held in (a moved date's own, else the activity's), no query."""
    if occurrence.own_room is not None:
        return occurrence.own_room.pk
    return occurrence.activity.room_id


def unbooked(occurrences: list[Occurrence], *, now: datetime.datetime) -> list[Occurrence]:
    """Those of the live activities' dates held in a room, not ended and within the year
    publishing books ahead, that have no booking (a clash left them out): one query, none
    without such dates."""
    horizon = now + datetime.timedelta(days=ROOM_DAYS)
    candidates = [
        o
        for o in occurrences
        if room_id(o) is not None
        and o.activity.live
        and not o.cancelled
        and now < o.ends_at
        and o.starts_at < horizon
    ]
    if not candidates:
        return []
    booked = set(
        Booking.objects.filter(
            activity_id__in={o.activity.pk for o in candidates},
            occurrence__in={o.key for o in candidates},
        ).values_list("activity_id", "occurrence")
    )
    return [o for o in candidates if (o.activity.pk, o.key) not in booked]


def room_clashes(
    activity, *, now: datetime.datetime | None = None, day: datetime.date | None = None
) -> list[tuple[Occurrence, list[Booking]]]:
    """The live activity's coming dates (a year ahead, or only `day`) held in a room but
    without its booking, each with the confirmed bookings that overlap it (why publishing
    left it out): two queries however many rooms."""
    if not activity.live:
        return []
    now = now or timezone.now()
    dates = [o for o in room_dates(activity, now=now) if day is None or o.key == day]
    missing = unbooked(dates, now=now)
    by_room = defaultdict(list)
    for o in missing:
        by_room[room_id(o)].append((o.key, o.starts_at, o.ends_at))
    taken = overlaps.activity_clashes_in_rooms(slots_by_room=by_room, activity_pk=activity.pk)
    found = [
        (
            o,
            [b for b in taken[room_id(o)] if b.starts_at < o.ends_at and b.ends_at > o.starts_at],
        )
        for o in missing
    ]
    return sorted(found, key=lambda pair: pair[0].starts_at)


def unbooked_in_rooms(
    room_ids, *, start: datetime.datetime, end: datetime.datetime, now=None
) -> list[Occurrence]:
    """The live activities' dates from `start` to `end` held in one of the rooms without its
    booking: three queries (the activities, their date changes, the bookings)."""
    now = now or timezone.now()
    room_ids = set(room_ids)
    if not room_ids or end <= now:
        return []
    moved_here = DateChange.objects.filter(room_id__in=room_ids).values("activity_id")
    pages = (
        ActivityPage.objects.live()
        .filter(Q(room_id__in=room_ids) | Q(pk__in=moved_here))
        .prefetch_related(with_date_changes())
    )
    found = selectors.between(pages, start=max(start, now), end=end)
    return [o for o in unbooked(found, now=now) if room_id(o) in room_ids]


def unbooked_ahead(pages, *, now: datetime.datetime | None = None) -> list[Occurrence]:
    """The dates of the live `pages` held in a room, from now for the year publishing books
    ahead, left without their booking (the staff's "Waiting for you" and the dates list's
    "not booked" view): three queries (the activities with a room, their date changes, the
    bookings) however many dates."""
    now = now or timezone.now()
    in_a_room = Q(room__isnull=False) | Q(
        pk__in=DateChange.objects.filter(room__isnull=False).values("activity_id")
    )
    found = pages.live().filter(in_a_room).prefetch_related(with_date_changes())
    return unbooked(
        selectors.between(found, start=now, end=now + datetime.timedelta(days=ROOM_DAYS)),
        now=now,
    )
