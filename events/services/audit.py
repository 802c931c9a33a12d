"""Who saw or changed whose names: opening a date's sign-ups, printing its attendance list and
entering how many came are written to Wagtail's action log against the activity page, with
who and which date, so they show in the page's history and the admin's site history (GDPR
accountability: the lists hold residents' names). The screens are the staff's in the admin
and the organiser's on the public site; `screen` says which.
"""

from __future__ import annotations

import datetime

from wagtail.log_actions import log

from events.models import ActivityPage

SIGNUPS_VIEWED_ACTION = "mam.activity.signups_viewed"
SHEET_PRINTED_ACTION = "mam.activity.sheet_printed"
ATTENDANCE_ACTION = "mam.activity.attendance"
ADMIN, ORGANISER = "admin", "organiser"


def signups_view_log(*, activity: ActivityPage, day: datetime.date, by, screen: str) -> None:
    """Write that `by` opened the sign-ups of `day`."""
    log(activity, SIGNUPS_VIEWED_ACTION, user=by, data={"date": day.isoformat(), "screen": screen})


def sheet_print_log(*, activity: ActivityPage, day: datetime.date, by, screen: str) -> None:
    """Write that `by` opened the attendance list of `day` to print."""
    log(activity, SHEET_PRINTED_ACTION, user=by, data={"date": day.isoformat(), "screen": screen})
