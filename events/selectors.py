"""Reads of activities and their dates for lists, the month view, the centre and home pages.

Each read costs a fixed number of queries however many activities and dates it returns: the
live public activities under a page with their date changes, then one count of sign-ups.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from events import recurrence
from events.models import ActivityPage, Attendance, SignUp, with_date_changes
from events.models.room_dates import room_dates
from events.recurrence import WARSAW, Occurrence
from home import page_cache
from rooms import overlaps
from rooms.models import Booking

UPCOMING_DAYS = 60
ARCHIVE_DAYS = 365


@dataclass(frozen=True)
class Entry:
    """A date of an activity with its places, as lists show it."""

    occurrence: Occurrence
    confirmed: int = 0
    waiting: int = 0

    @property
    def activity(self) -> ActivityPage:
        return self.occurrence.activity

    @property
    def places_left(self) -> int | None:
        places = self.occurrence.places
        return None if places is None else max(places - self.confirmed, 0)

    @property
    def full(self) -> bool:
        return self.places_left == 0


def activities(root, *, kind: str = "", audience: str = ""):
    """Live public activities under `root` (a centre, its index or the home page)."""
    found = (
        ActivityPage.objects.descendant_of(root)
        .live()
        .public()
        .select_related("image", "room")
        .prefetch_related(with_date_changes())
    )
    if kind:
        found = found.filter(kind=kind)
    if audience:
        found = found.filter(audience=audience)
    return found


def counts(occurrences: list[Occurrence]) -> dict[tuple[int, datetime.date], dict[str, int]]:
    """Sign-ups per (activity id, date) and state, in one query."""
    wanted = {(o.activity.pk, o.key) for o in occurrences if o.activity.places is not None}
    if not wanted:
        return {}
    rows = (
        SignUp.objects.active()
        .filter(
            activity_id__in={pk for pk, _ in wanted},
            occurrence__in={day for _, day in wanted},
        )
        .values("activity_id", "occurrence", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found: dict = defaultdict(dict)
    for row in rows:
        found[(row["activity_id"], row["occurrence"])][row["state"]] = row["n"]
    return found


def attendance_of(keys) -> dict[tuple[int, datetime.date], int]:
    """How many came to each (activity id, planned day) of `keys` where staff entered it."""
    keys = set(keys)
    found = Attendance.objects.filter(
        activity_id__in={pk for pk, _day in keys}, occurrence__in={day for _pk, day in keys}
    )
    return {
        (pk, day): attended
        for pk, day, attended in found.values_list("activity_id", "occurrence", "attended")
        if (pk, day) in keys
    }


def entries(occurrences: list[Occurrence]) -> list[Entry]:
    """The dates with their confirmed and waiting counts."""
    numbers = counts(occurrences)
    return [
        Entry(
            o,
            confirmed=numbers.get((o.activity.pk, o.key), {}).get(SignUp.State.CONFIRMED, 0),
            waiting=numbers.get((o.activity.pk, o.key), {}).get(SignUp.State.WAITING, 0),
        )
        for o in occurrences
    ]


def lapse_when_one_starts_or_ends(request, entries: list[Entry], *moments) -> None:
    """A page copy (home/page_cache.py) or a shared part rendered now lapses when a date it
    shows starts or ends (or at any other of `moments`): what it shows is different from
    then on, with no write to bump a version."""
    now = timezone.now()
    found = [
        moment
        for entry in entries
        for moment in (entry.occurrence.starts_at, entry.occurrence.ends_at)
        if moment > now
    ]
    found += [moment for moment in moments if moment > now]
    page_cache.lapse_at(request, min(found, default=None))


def between(
    pages, *, start: datetime.datetime, end: datetime.datetime, with_cancelled: bool = False
) -> list[Occurrence]:
    found = []
    for page in pages:
        found += recurrence.occurrences(page, start=start, end=end, with_cancelled=with_cancelled)
    return sorted(found, key=lambda o: (o.starts_at, o.activity.title, o.activity.pk))


def partner_upcoming(
    partner, *, now: datetime.datetime | None = None, days: int = UPCOMING_DAYS, limit: int = 10
) -> list[Occurrence]:
    """The next dates of the live public activities a partner organises (cancelled left out)."""
    now = now or timezone.now()
    pages = (
        ActivityPage.objects.filter(partner=partner)
        .live()
        .public()
        .prefetch_related(with_date_changes())
    )
    return between(pages, start=now, end=now + datetime.timedelta(days=days))[:limit]


def initiative_dates(
    initiative_id: int,
    *,
    now: datetime.datetime | None = None,
    days: int = UPCOMING_DAYS,
    past_days: int = ARCHIVE_DAYS,
    limit: int = 10,
) -> tuple[list[Occurrence], list[Occurrence]]:
    """The next and the last dates (newest first) of the live public activities linked to an
    initiative, cancelled ones left out: two queries however many."""
    now = now or timezone.now()
    pages = list(
        ActivityPage.objects.filter(initiative_id=initiative_id)
        .live()
        .public()
        .prefetch_related(with_date_changes())
    )
    coming = between(pages, start=now, end=now + datetime.timedelta(days=days))[:limit]
    past = between(pages, start=now - datetime.timedelta(days=past_days), end=now)
    return coming, [o for o in reversed(past) if o.ends_at <= now][:limit]


def upcoming(
    root,
    *,
    now: datetime.datetime | None = None,
    days: int = UPCOMING_DAYS,
    kind: str = "",
    audience: str = "",
    day: datetime.date | None = None,
) -> list[Entry]:
    """Dates from `now` (or on `day`) onwards, cancelled ones shown as such."""
    now = now or timezone.now()
    start, end = now, now + datetime.timedelta(days=days)
    if day is not None:
        start = datetime.datetime.combine(day, datetime.time(), tzinfo=WARSAW)
        end = start + datetime.timedelta(days=1)
    pages = activities(root, kind=kind, audience=audience)
    return entries(between(pages, start=start, end=end, with_cancelled=True))


def archive(root, *, now: datetime.datetime | None = None) -> list[Entry]:
    """Dates of the past year, most recent first."""
    now = now or timezone.now()
    past = between(activities(root), start=now - datetime.timedelta(days=ARCHIVE_DAYS), end=now)
    return entries([o for o in reversed(past) if o.ends_at <= now])


def this_week(centre, *, now: datetime.datetime | None = None) -> list[Entry]:
    """What is on from now to the end of the sixth day after today, Polish time: the rest of
    this week and, later in the week, the start of the next, so a resident looking on a
    Saturday sees Tuesday's workshop instead of "nothing planned"."""
    now = now or timezone.now()
    today = recurrence.local(now).date()
    week_end = datetime.datetime.combine(
        today + datetime.timedelta(days=7), datetime.time(), tzinfo=WARSAW
    )
    return entries(between(activities(centre), start=now, end=week_end))


@dataclass(frozen=True)
class CentreActivities:
    centre: object
    entries: list[Entry]


def next_per_centre(
    home, centres, *, now: datetime.datetime | None = None, per_centre: int = 3
) -> list[CentreActivities]:
    """The next few dates of every centre (for the home page), in a fixed number of queries."""
    now = now or timezone.now()
    found = between(activities(home), start=now, end=now + datetime.timedelta(days=UPCOMING_DAYS))
    by_centre = []
    for centre in centres:
        own = [o for o in found if o.activity.path.startswith(centre.path)][:per_centre]
        if own:
            by_centre.append((centre, own))
    numbers = entries([o for _, own in by_centre for o in own])
    result, position = [], 0
    for centre, own in by_centre:
        result.append(CentreActivities(centre, numbers[position : position + len(own)]))
        position += len(own)
    return result


@dataclass(frozen=True)
class Month:
    first: datetime.date
    weeks: list[list[tuple[datetime.date, list[Entry]]]]

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)


def month(root, *, year: int, month_number: int) -> Month:
    """The month's dates day by day, weeks from Monday, for a table that needs no script."""
    first = datetime.date(year, month_number, 1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    start = datetime.datetime.combine(weeks[0][0], datetime.time(), tzinfo=WARSAW)
    end = datetime.datetime.combine(
        weeks[-1][-1] + datetime.timedelta(days=1), datetime.time(), tzinfo=WARSAW
    )
    found = entries(between(activities(root), start=start, end=end, with_cancelled=True))
    by_day = defaultdict(list)
    for entry in found:
        by_day[entry.occurrence.starts_at.date()].append(entry)
    return Month(first, [[(day, by_day.get(day, [])) for day in week] for week in weeks])


def room_clashes(
    activity, *, now: datetime.datetime | None = None, day: datetime.date | None = None
) -> list[tuple[Occurrence, list]]:
    """The live activity's coming dates (a year ahead, or only `day`) held in a room but
    without its booking, each with the confirmed bookings that overlap it (why publishing
    left it out): one query for the activity's bookings and one per room with such a date."""
    if not activity.live:
        return []
    now = now or timezone.now()
    booked = set(
        Booking.objects.filter(activity=activity, ends_at__gt=now).values_list(
            "occurrence", flat=True
        )
    )
    missing = [
        o
        for o in room_dates(activity, now=now)
        if o.room is not None and o.key not in booked and (day is None or o.key == day)
    ]
    by_room = defaultdict(list)
    for o in missing:
        by_room[o.room.pk].append(o)
    found = []
    for dates in by_room.values():
        slots = [(o.key, o.starts_at, o.ends_at) for o in dates]
        taken = overlaps.activity_clashes(room=dates[0].room, slots=slots, activity_pk=activity.pk)
        for o in dates:
            found.append(
                (o, [b for b in taken if b.starts_at < o.ends_at and b.ends_at > o.starts_at])
            )
    return sorted(found, key=lambda pair: pair[0].starts_at)
