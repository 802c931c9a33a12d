"""Who saw or changed whose names: opening a date's sign-ups, printing its attendance list and
entering how many came are written to Wagtail's action log against the activity page, with
who and which date, so they show in the page's history and the admin's site history (GDPR
accountability: the lists hold residents' names). The screens are the staff's in the admin
and the organiser's on the public site; `screen` says which.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from events.models import ActivityPage

SIGNUPS_VIEWED_ACTION = "mam.activity.signups_viewed"
SHEET_PRINTED_ACTION = "mam.activity.sheet_printed"
ATTENDANCE_ACTION = "mam.activity.attendance"
ADMIN, ORGANISER = "admin", "organiser"
# Staff at the desk reopen a date after every sign-up they enter: a look is written once per
# person, date and half hour, so the history says who looked, not how often they reloaded.
ONCE_WITHIN = datetime.timedelta(minutes=30)


def _log_look(activity, action, *, day, by, screen, now) -> None:
    now = now or timezone.now()
    recent = PageLogEntry.objects.filter(
        page_id=activity.pk,
        action=action,
        user_id=by.pk,
        timestamp__gte=now - ONCE_WITHIN,
        data__date=day.isoformat(),
    )
    if not recent.exists():
        data = {"date": day.isoformat(), "screen": screen}
        log(activity, action, user=by, data=data, timestamp=now)


def signups_view_log(
    *, activity: ActivityPage, day: datetime.date, by, screen: str, now=None
) -> None:
    """Write that `by` opened the sign-ups of `day` (once in half an hour)."""
    _log_look(activity, SIGNUPS_VIEWED_ACTION, day=day, by=by, screen=screen, now=now)


def sheet_print_log(
    *, activity: ActivityPage, day: datetime.date, by, screen: str, now=None
) -> None:
    """Write that `by` opened the attendance list of `day` to print (once in half an hour)."""
    _log_look(activity, SHEET_PRINTED_ACTION, day=day, by=by, screen=screen, now=now)
