"""iCalendar (RFC 5545) feeds of activities, written with the `icalendar` package.

One VEVENT per activity: DTSTART/DTEND in Europe/Warsaw (with its VTIMEZONE, so phones keep
"every Tuesday 17:00" at 17:00 across the change of time), the repeat rule as RRULE (UNTIL in
UTC, as RFC 5545 requires with a zoned DTSTART), cancelled dates as EXDATE, moved dates as an
EXDATE of the planned date plus an RDATE of the new one. A date moved to another room of the
centre is instead its own VEVENT with the same UID and a RECURRENCE-ID (the planned start), so
it carries that room as its LOCATION.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from events import recurrence
from home.links import absolute_url

TZID = "Europe/Warsaw"


def _uid(activity) -> str:
    host = urlsplit(settings.MAM_SITE_URL).hostname or "mam"
    return f"activity-{activity.pk}@{host}"


def _rrule(activity) -> vRecur:
    """The activity's rule with UNTIL as a UTC time (a day means: until that day's end)."""
    rule = vRecur.from_ical(recurrence.normalised(activity.recurrence))
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time(23, 59, 59))
        if timezone.is_naive(value):
            value = recurrence.place(value)
        rule["UNTIL"] = [value.astimezone(datetime.UTC)]
    return rule


def _location(activity, centre, room=None) -> str:
    if activity.address and room is None:
        return " ".join(activity.address.split())
    centre_title = centre.title if centre else ""
    where = room.name if room is not None else activity.where_in_centre
    parts = [where, centre_title, getattr(centre, "address", "")]
    return ", ".join(" ".join(part.split()) for part in parts if part)


def _event(activity, centre, *, now: datetime.datetime, room=None) -> Event:
    """The activity's VEVENT, without its dates; LOCATION is `room` where given."""
    event = Event()
    event.add("uid", _uid(activity))
    event.add("dtstamp", now.astimezone(datetime.UTC))
    event.add("last-modified", (activity.last_published_at or now).astimezone(datetime.UTC))
    event.add("summary", activity.title)
    event.add("description", activity.lead)
    event.add("url", absolute_url(activity.url))
    location = _location(activity, centre, room)
    if location:
        event.add("location", location)
    if activity.latitude is not None and activity.longitude is not None and room is None:
        event.add("geo", (float(activity.latitude), float(activity.longitude)))
    return event


def _events(activity, centre, *, now: datetime.datetime) -> list[Event]:
    """The activity's VEVENT with its dates, and one more per date moved to another room."""
    changes = list(activity.date_changes.all())
    if not activity.recurrence:
        first_day = recurrence.local(activity.starts_at).date()
        change = next((c for c in changes if c.original_date == first_day), None)
        in_room = change.room if change is not None and not change.cancelled else None
        return [_one_off(_event(activity, centre, now=now, room=in_room), activity, change)]
    event = _event(activity, centre, now=now)
    starts = recurrence.local(activity.starts_at)
    duration = activity.ends_at - activity.starts_at
    event.add("dtstart", starts)
    event.add("dtend", starts + duration)
    event.add("rrule", _rrule(activity))
    moved = []
    for change in changes:
        planned = recurrence.planned_start(activity, change.original_date)
        if planned is None:
            continue
        if change.room is not None and not change.cancelled:
            moved.append(_moved(activity, centre, change, planned, now=now))
            continue
        event.add("exdate", planned)
        if not change.cancelled:
            event.add("rdate", recurrence.local(change.new_starts_at))
    return [event, *moved]


def _one_off(event: Event, activity, change) -> Event:
    starts = recurrence.local(activity.starts_at)
    if change is not None and change.cancelled:
        event.add("status", "CANCELLED")
    elif change is not None:
        starts = recurrence.local(change.new_starts_at)
    event.add("dtstart", starts)
    event.add("dtend", starts + (activity.ends_at - activity.starts_at))
    return event


def _moved(activity, centre, change, planned, *, now: datetime.datetime) -> Event:
    """A date moved to another room: an override of the planned date (RECURRENCE-ID)."""
    event = _event(activity, centre, now=now, room=change.room)
    event.add("recurrence-id", planned)
    starts = recurrence.local(change.new_starts_at)
    event.add("dtstart", starts)
    event.add("dtend", starts + (activity.ends_at - activity.starts_at))
    return event


def calendar(activities, *, name: str, centre=None, now: datetime.datetime | None = None) -> bytes:
    """A VCALENDAR of `activities` (with their date changes prefetched)."""
    now = now or timezone.now()
    cal = Calendar()
    cal.add("prodid", "-//MAM//Wydarzenia//PL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    for activity in activities:
        for event in _events(activity, centre, now=now):
            cal.add_component(event)
    cal.add_missing_timezones(first_date=datetime.date(now.year - 1, 1, 1))
    return cal.to_ical()
