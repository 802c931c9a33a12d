"""The rooms' yearly usage summary: hours and people per room and kind of user, what a
centre reports to the town that funds it. People are who came where staff entered it (a
booking's `attended`, an activity date's attendance from the events app), else the number
expected (asked for, or the activity's places), and the summary says which is which.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail import hooks

from rooms.models import Booking, Room
from rooms.selectors import at


@dataclass
class UsageRow:
    """One room's year: hours and people per kind of user. People are counted from who came
    (`came`: entered afterwards) where staff entered it, else from the number asked for or
    the activity's places (`expected`), so the summary can say which figure is which."""

    room: Room
    hours: dict[str, float]
    came: dict[str, int]
    expected: dict[str, int]
    bookings: int = 0
    without_count: int = 0  # bookings (activities' dates included) nobody entered who came

    @property
    def people(self) -> dict[str, int]:
        return {kind: self.came[kind] + self.expected[kind] for kind in self.came}

    @property
    def total_hours(self) -> float:
        return sum(self.hours.values())

    @property
    def total_came(self) -> int:
        return sum(self.came.values())

    @property
    def total_expected(self) -> int:
        return sum(self.expected.values())

    @property
    def total_people(self) -> int:
        return self.total_came + self.total_expected


def activity_attendance(keys: set[tuple[int, datetime.date]]) -> dict:
    """How many came to each activity date (page id, planned day) where staff entered it:
    asked of the events app through the `mam_room_activity_attendance` hook (rooms may not
    import it), one query whatever the number of dates."""
    found: dict[tuple[int, datetime.date], int] = {}
    if keys:
        for hook in hooks.get_hooks("mam_room_activity_attendance"):
            found.update(hook(keys))
    return found


USAGE_FIELDS = ["room_id", "starts_at", "ends_at", "user_kind", "people", "attended"]
USAGE_FIELDS += ["activity_id", "occurrence"]  # an activity's date: its attendance


def yearly(room_list: list[Room], year: int) -> list[UsageRow]:
    """Confirmed hours and people per room and kind of user in `year` (Polish time): what
    the centre reports to the town. Two queries: the bookings, the activities' attendance."""
    start = at(datetime.date(year, 1, 1), datetime.time())
    end = at(datetime.date(year + 1, 1, 1), datetime.time())
    kinds = Booking.UserKind.values
    rows = {
        room.pk: UsageRow(room, dict.fromkeys(kinds, 0.0), dict.fromkeys(kinds, 0),
                          dict.fromkeys(kinds, 0))
        for room in room_list
    }  # fmt: skip
    confirmed = list(
        Booking.objects.confirmed()
        .filter(room_id__in=rows, starts_at__gte=start, starts_at__lt=end)
        .only(*USAGE_FIELDS)
    )
    came = activity_attendance(
        {(b.activity_id, b.occurrence) for b in confirmed if b.activity_id is not None}
    )
    for booking in confirmed:
        row = rows[booking.room_id]
        row.hours[booking.user_kind] += booking.hours
        row.bookings += 1
        attended = booking.attended
        if booking.activity_id is not None:
            attended = came.get((booking.activity_id, booking.occurrence))
        if attended is None:
            row.expected[booking.user_kind] += booking.people
            row.without_count += 1
        else:
            row.came[booking.user_kind] += attended
    return list(rows.values())
