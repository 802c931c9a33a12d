"""Reads for the screens that work with an activity's sign-ups: the staff's in Wagtail's admin
(events.admin_views) and the organising partner's on the public site
(events.organiser_views). Who may open them is events.access."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from events import recurrence, selectors
from events.models import ActivityPage, Attendance, SignUp
from events.recurrence import Occurrence

PAST_DAYS, AHEAD_DAYS = 14, 31


def dates_with_attendance(
    pages, *, now: datetime.datetime
) -> list[tuple[selectors.Entry, int | None]]:
    """The dates of the last two weeks and the next month of `pages` (with their date changes
    prefetched), with their sign-up counts and how many came where entered: two queries."""
    found = selectors.entries(
        selectors.between(
            pages,
            start=now - datetime.timedelta(days=PAST_DAYS),
            end=now + datetime.timedelta(days=AHEAD_DAYS),
        )
    )
    attended = selectors.attendance_of((e.activity.pk, e.occurrence.key) for e in found)
    return [(e, attended.get((e.activity.pk, e.occurrence.key))) for e in found]


def planned_day(activity: ActivityPage, text: str) -> datetime.date | None:
    """The day `text` (YYYY-MM-DD) when the activity was planned for it, else None."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if recurrence.planned_start(activity, day) is not None else None


@dataclass(frozen=True)
class DateList:
    """One date's sign-ups (cancelled ones included, in order) and how many came."""

    activity: ActivityPage
    day: datetime.date
    occurrence: Occurrence | None  # None: the date is cancelled
    places: int | None
    signups: list[SignUp]
    attendance: Attendance | None

    @property
    def confirmed_list(self) -> list[SignUp]:
        return [s for s in self.signups if s.state == SignUp.State.CONFIRMED]

    @property
    def waiting_list(self) -> list[SignUp]:
        return [s for s in self.signups if s.state == SignUp.State.WAITING]

    @property
    def confirmed(self) -> int:
        return len(self.confirmed_list)

    def has_begun(self, now: datetime.datetime) -> bool:
        """Whether the date has started, so how many came may be entered (no query)."""
        if self.occurrence is not None:
            return self.occurrence.starts_at <= now
        return recurrence.planned_start(self.activity, self.day) <= now  # cancelled date

    def sheet_context(self) -> dict:
        """What the attendance sheet (and the date's screens around it) show of the date."""
        return {
            "activity": self.activity,
            "occurrence": self.occurrence,
            "places": self.places,
            "confirmed": self.confirmed,
            "confirmed_list": self.confirmed_list,
            "waiting_list": self.waiting_list,
        }


def date_list(activity: ActivityPage, day: datetime.date) -> DateList:
    """The date's sign-ups and attendance: two queries."""
    signups = list(SignUp.objects.of_date(activity, day).select_related("entered_by"))
    return DateList(
        activity=activity,
        day=day,
        occurrence=recurrence.occurrence_on(activity, day),
        places=recurrence.places_on(activity, day),
        signups=signups,
        attendance=Attendance.objects.filter(activity=activity, occurrence=day)
        .select_related("entered_by")
        .first(),
    )
