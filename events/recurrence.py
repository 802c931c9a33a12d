"""Dates of an activity: its RFC 5545 rule expanded with python-dateutil, changes applied.

Rules are expanded in Polish wall-clock time and each date is then placed in Europe/Warsaw,
so "every Tuesday 17:00" stays at 17:00 across the change to and from summer time. A date is
known by the day it was planned for (`key`), which stays the same when the date is moved:
sign-ups and attendance hang off that key. Nothing is stored per date.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule as dateutil_rrule
from django.utils.translation import gettext as _

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_PER_WINDOW = 1000


@dataclass(frozen=True)
class Occurrence:
    """One date of an activity."""

    activity: object
    key: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    moved: bool = False
    cancelled: bool = False
    note: str = ""
    own_places: int | None = None  # a moved date's own number of places
    own_room: object = None  # the room of the centre a moved date was moved to

    @property
    def room(self):
        """The room this date is held in (a moved date's own, else the activity's)."""
        return self.own_room or self.activity.room

    @property
    def where_in_centre(self) -> str:
        """The moved date's room, else where the activity is held."""
        return self.own_room.name if self.own_room else self.activity.where_in_centre

    @property
    def address(self) -> str:
        """The activity's other address, unless this date moved into a room of the centre."""
        return "" if self.own_room else self.activity.address

    @property
    def planned_for(self) -> datetime.date:
        return self.key

    @property
    def places(self) -> int | None:
        """The places of this date: a moved date's own number where it has one, else the
        activity's (None: no sign-up). Read from the date, so no query."""
        if self.activity.places is None:
            return None
        return self.activity.places if self.own_places is None else self.own_places


def local(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(WARSAW)


def wall(moment: datetime.datetime) -> datetime.datetime:
    """The Polish wall-clock time of `moment`, without a zone."""
    return local(moment).replace(tzinfo=None)


def place(naive: datetime.datetime) -> datetime.datetime:
    return naive.replace(tzinfo=WARSAW)


UNTIL_DAY = re.compile(r"UNTIL=(\d{8})(?=;|$)")


def normalised(text: str) -> str:
    """The rule without an RRULE: prefix; UNTIL given as a day means until that day's end."""
    text = text.strip().upper().removeprefix("RRULE:")
    return UNTIL_DAY.sub(r"UNTIL=\1T235959", text)


def rule(text: str, starts_at: datetime.datetime) -> dateutil_rrule.rrule:
    """The rule `text` from the first date `starts_at`; ValueError in words if it is not one."""
    text = normalised(text)
    if "DTSTART" in text or "\n" in text:
        raise ValueError(_("Give only the rule, e.g. FREQ=WEEKLY;BYDAY=TU."))
    try:
        parts = dict(part.split("=", 1) for part in text.split(";") if part)
        parsed = dateutil_rrule.rrulestr(text, dtstart=wall(starts_at))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValueError(
            _("This is not a repeat rule we understand, e.g. FREQ=WEEKLY;BYDAY=TU.")
        ) from error
    if parts.get("FREQ") not in ALLOWED_FREQUENCIES or not isinstance(parsed, dateutil_rrule.rrule):
        raise ValueError(_("An activity can repeat daily, weekly, monthly or yearly."))
    return parsed


def _planned(activity, start: datetime.datetime, end: datetime.datetime) -> list:
    """Planned starts (wall-clock, naive) of dates that may overlap [start, end)."""
    duration = activity.ends_at - activity.starts_at
    first = wall(activity.starts_at)
    after, before = wall(start) - duration - datetime.timedelta(days=1), wall(end)
    if not activity.recurrence:
        return [first] if after <= first <= before else []
    try:
        expanded = rule(activity.recurrence, activity.starts_at)
    except ValueError:  # saved before validation or by hand: show the first date only
        return [first] if after <= first <= before else []
    planned = []
    for moment in expanded.xafter(max(after, first), inc=True):
        if moment > before or len(planned) >= MAX_PER_WINDOW:
            break
        planned.append(moment)
    return planned


def occurrences(
    activity,
    *,
    start: datetime.datetime,
    end: datetime.datetime,
    with_cancelled: bool = False,
) -> list[Occurrence]:
    """The dates of `activity` that overlap [start, end), moved dates where they now are."""
    duration = activity.ends_at - activity.starts_at
    changes = {change.original_date: change for change in activity.date_changes.all()}
    found = []
    for naive in _planned(activity, start, end):
        change = changes.get(naive.date())
        starts = place(naive)
        if change is not None:
            if change.cancelled and with_cancelled:
                found.append(
                    Occurrence(
                        activity, naive.date(), starts, starts + duration, cancelled=True,
                        note=change.note,
                    )
                )  # fmt: skip
            continue
        found.append(Occurrence(activity, naive.date(), starts, starts + duration))
    for change in changes.values():
        if change.cancelled or not is_planned(activity, change.original_date):
            continue
        found.append(_moved(activity, change, duration, local(change.new_starts_at)))
    found = [o for o in found if o.starts_at < end and o.ends_at > start]
    return sorted(found, key=lambda o: (o.starts_at, o.key))


def _moved(activity, change, duration: datetime.timedelta, starts) -> Occurrence:
    """The date `change` moved to `starts`, in its own room with its own places if any."""
    return Occurrence(
        activity, change.original_date, starts, starts + duration, moved=True,
        note=change.note, own_places=change.own_places(activity.places), own_room=change.room,
    )  # fmt: skip


def _planned_on(activity, day: datetime.date) -> datetime.datetime | None:
    begin = place(datetime.datetime.combine(day, datetime.time()))
    planned = _planned(activity, begin, begin + datetime.timedelta(days=1))
    return next((naive for naive in planned if naive.date() == day), None)


def planned_start(activity, day: datetime.date) -> datetime.datetime | None:
    """When the rule puts the activity on `day`, before any change (None if it does not)."""
    naive = _planned_on(activity, day)
    return None if naive is None else place(naive)


def is_planned(activity, day: datetime.date) -> bool:
    """Whether the rule (or the single date) puts the activity on `day`."""
    return _planned_on(activity, day) is not None


def occurrence_on(activity, day: datetime.date) -> Occurrence | None:
    """The date planned for `day` (perhaps moved), or None if none was or it is cancelled."""
    naive = _planned_on(activity, day)
    if naive is None:
        return None
    duration = activity.ends_at - activity.starts_at
    change = next((c for c in activity.date_changes.all() if c.original_date == day), None)
    if change is not None:
        if change.cancelled:
            return None
        return _moved(activity, change, duration, local(change.new_starts_at))
    starts = place(naive)
    return Occurrence(activity, day, starts, starts + duration)


def starts_on(activity, day: datetime.date) -> datetime.datetime | None:
    """When the date planned for `day` begins: a moved date's new start, else the planned one
    (a cancelled date's too); None when the activity is not planned on `day`."""
    occurrence = occurrence_on(activity, day)
    return occurrence.starts_at if occurrence is not None else planned_start(activity, day)


def places_on(activity, day: datetime.date) -> int | None:
    """The places of the date planned for `day`: a moved date's own number where it has one
    (a smaller room), else the activity's (None: no sign-up)."""
    if activity.places is None:
        return None
    change = next((c for c in activity.date_changes.all() if c.original_date == day), None)
    if change is not None and not change.cancelled:
        own = change.own_places(activity.places)
        if own is not None:
            return own
    return activity.places


def next_occurrence(activity, *, now: datetime.datetime, days: int = 400) -> Occurrence | None:
    found = occurrences(activity, start=now, end=now + datetime.timedelta(days=days))
    return found[0] if found else None
