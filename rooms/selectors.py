"""Reads of rooms and their weeks: the public list, a room's week, the staff calendar, the
printed schedule (the yearly usage summary is rooms.usage). Each costs a fixed number of
queries however many rooms and bookings.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from wagtail import hooks
from wagtail.models import PageViewRestriction

from rooms.models import Booking, BookingRules, Room, RoomPhoto

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
Interval = tuple[datetime.datetime, datetime.datetime]


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(WARSAW)


def at(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """`time` on `day`, Polish wall-clock time."""
    return datetime.datetime.combine(day, time, tzinfo=WARSAW)


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def photos() -> Prefetch:
    """A room's photos with their images (one query for any number of rooms)."""
    return Prefetch("photos", queryset=RoomPhoto.objects.select_related("image"))


def rooms(centre):
    """The centre's rooms with their photos (two queries)."""
    return Room.objects.filter(centre=centre).prefetch_related(photos())


def rules(centre) -> BookingRules:
    """The centre's booking rules with opening hours and closed days (three queries); the
    defaults, with no opening hours, when staff have not set them."""
    found = (
        BookingRules.objects.filter(centre=centre).prefetch_related("hours", "closed_days").first()
    )
    return found if found is not None else BookingRules(centre=centre)


def rules_of_centres(centre_ids) -> dict:
    """Each centre's rules (the defaults where none are set), in three queries."""
    found = {
        rules.centre_id: rules
        for rules in BookingRules.objects.filter(centre_id__in=centre_ids).prefetch_related(
            "hours", "closed_days"
        )
    }
    return {pk: found.get(pk) or BookingRules(centre_id=pk) for pk in centre_ids}


def _hours(rules: BookingRules) -> dict[int, list[tuple[datetime.time, datetime.time]]]:
    found = defaultdict(list)
    if rules.pk is not None:
        for row in rules.hours.all():
            found[row.weekday].append((row.opens, row.closes))
    return {day: sorted(spans) for day, spans in found.items()}


def closed_days(rules: BookingRules) -> dict[datetime.date, str]:
    if rules.pk is None:
        return {}
    return {row.date: row.note for row in rules.closed_days.all()}


def opening(rules: BookingRules, day: datetime.date) -> list[Interval]:
    """When the centre is open on `day` (none on a closed day)."""
    if day in closed_days(rules):
        return []
    return [
        (at(day, opens), at(day, closes)) for opens, closes in _hours(rules).get(day.weekday(), [])
    ]


def subtract(spans: list[Interval], busy: list[Interval]) -> list[Interval]:
    """The parts of `spans` not covered by `busy`."""
    free = []
    for start, end in spans:
        cursor = start
        for busy_start, busy_end in sorted(busy):
            if busy_end <= cursor or busy_start >= end:
                continue
            if busy_start > cursor:
                free.append((cursor, busy_start))
            cursor = max(cursor, busy_end)
        if cursor < end:
            free.append((cursor, end))
    return free


@dataclass
class Day:
    date: datetime.date
    opening: list[Interval]
    closed_note: str = ""
    busy: list[Booking] = field(default_factory=list)
    pending: list[Booking] = field(default_factory=list)
    unbooked: list[dict] = field(default_factory=list)  # activities' dates left without it

    @property
    def closed(self) -> bool:
        return not self.opening

    @property
    def free(self) -> list[Interval]:
        return subtract(self.opening, [(b.starts_at, b.ends_at) for b in self.busy])


@dataclass
class Week:
    monday: datetime.date
    days: list[Day]

    @property
    def previous(self) -> datetime.date:
        return self.monday - datetime.timedelta(days=7)

    @property
    def next(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=7)

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)


def _bookings(room_ids, monday: datetime.date, *, with_pending: bool):
    start = at(monday, datetime.time())
    end = start + datetime.timedelta(days=7)
    states = [Booking.State.CONFIRMED] + ([Booking.State.PENDING] if with_pending else [])
    return (
        Booking.objects.filter(room_id__in=room_ids, state__in=states)
        .overlapping(start, end)
        .select_related("activity", "requested_by")
        .order_by("starts_at", "pk")
    )


def _days(rules: BookingRules, monday: datetime.date, bookings) -> list[Day]:
    closed = closed_days(rules)
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        days.append(Day(day, opening(rules, day), closed_note=closed.get(day, "")))
    for booking in bookings:
        first, last = local(booking.starts_at).date(), local(booking.ends_at).date()
        for entry in days:
            if first <= entry.date <= last:
                target = entry.busy if booking.state == Booking.State.CONFIRMED else entry.pending
                target.append(booking)
    return days


def _mark_public_activities(bookings: list[Booking]) -> list[Booking]:
    """Set `public_activity` on each booking: its activity page when anyone may see it (live,
    no view restriction on it or above it), else None, so the public week says "busy" only.
    One query for the restrictions, whatever the number of activities."""
    pages = [b.activity for b in bookings if b.activity_id is not None]
    restricted: set[str] = set()
    if pages:
        prefixes = {
            page.path[:end]
            for page in pages
            for end in range(page.steplen, len(page.path) + 1, page.steplen)
        }
        restricted = set(
            PageViewRestriction.objects.filter(Q(page__path__in=prefixes)).values_list(
                "page__path", flat=True
            )
        )
    for booking in bookings:
        page = booking.activity
        hidden = page is None or not page.live or any(page.path.startswith(p) for p in restricted)
        booking.public_activity = None if hidden else page
    return bookings


def week(room: Room, monday: datetime.date, rules: BookingRules) -> Week:
    """The room's week from `monday`: opening hours, confirmed bookings, free times; an
    activity's title only where its page is public."""
    bookings = _mark_public_activities(list(_bookings([room.pk], monday, with_pending=False)))
    return Week(monday, _days(rules, monday, bookings))


@dataclass
class RoomWeek:
    room: Room
    days: list[Day]


def centre_weeks(
    room_list: list[Room], monday: datetime.date, rules_of: dict, unbooked=()
) -> list[RoomWeek]:
    """Every room's week, waiting requests included (the staff calendar): one query for all
    bookings, whatever the number of rooms. `unbooked`: activities' dates held in a room
    that publishing could not book ({"room_id", "starts_at", "ends_at", "title", "url"},
    from the `mam_room_unbooked_dates` hook), set on their days."""
    found = defaultdict(list)
    for booking in _bookings([r.pk for r in room_list], monday, with_pending=True):
        found[booking.room_id].append(booking)
    weeks = [
        RoomWeek(room, _days(rules_of[room.centre_id], monday, found[room.pk]))
        for room in room_list
    ]
    days = {(w.room.pk, day.date): day for w in weeks for day in w.days}
    for item in sorted(unbooked, key=lambda item: item["starts_at"]):
        day = days.get((item["room_id"], local(item["starts_at"]).date()))
        if day is not None:
            day.unbooked.append(item)
    return weeks


def unbooked_dates(room_list: list[Room], monday: datetime.date) -> list[dict]:
    """The activities' dates in the rooms that week left without a booking, from the apps
    that hold activities (events, through the `mam_room_unbooked_dates` hook: rooms sit
    below events)."""
    start = at(monday, datetime.time())
    end = start + datetime.timedelta(days=7)
    found = []
    for hook in hooks.get_hooks("mam_room_unbooked_dates"):
        found.extend(hook([room.pk for room in room_list], start, end))
    return found


@dataclass
class ScheduleDay:
    date: datetime.date
    bookings: list[Booking] = field(default_factory=list)


@dataclass
class RoomSchedule:
    room: Room
    days: list[ScheduleDay]

    @property
    def empty(self) -> bool:
        return not any(day.bookings for day in self.days)


def schedule(room_list: list[Room], first: datetime.date, days: int) -> list[RoomSchedule]:
    """Each room's bookings (confirmed and waiting, activities included) day by day from
    `first` for `days` days, for the printed schedule: one query, whatever the number of
    rooms and bookings."""
    start = at(first, datetime.time())
    end = at(first + datetime.timedelta(days=days), datetime.time())
    states = [Booking.State.CONFIRMED, Booking.State.PENDING]
    bookings = (
        Booking.objects.filter(room_id__in=[r.pk for r in room_list], state__in=states)
        .overlapping(start, end)
        .select_related("activity", "requested_by")
        .order_by("starts_at", "pk")
    )
    found = {
        room.pk: [ScheduleDay(first + datetime.timedelta(days=n)) for n in range(days)]
        for room in room_list
    }
    for booking in bookings:
        begins, ends = local(booking.starts_at).date(), local(booking.ends_at).date()
        for day in found[booking.room_id]:
            if begins <= day.date <= ends:
                day.bookings.append(booking)
    return [RoomSchedule(room, found[room.pk]) for room in room_list]
