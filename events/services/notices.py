"""Emails about coming dates: a date cancelled or moved, and the reminder the day before."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from events import recurrence
from events.models import ActivityPage, SignUp, with_date_changes
from events.services.signups import REMINDER_MOVE_DAYS, _email
from jobs.services import run_once


def date_changes_notify(*, activity: ActivityPage, now: datetime.datetime | None = None) -> int:
    """Email the people signed up for a coming date that is now cancelled or moved, once per
    change (a date moved again is told again); return how many emails were queued."""
    now = now or timezone.now()
    activity = ActivityPage.objects.prefetch_related(with_date_changes()).get(pk=activity.pk)
    today = recurrence.local(now).date()
    changes = {c.original_date: c for c in activity.date_changes.all() if c.original_date >= today}
    if not changes:
        return 0
    signups = (
        SignUp.objects.filter(activity=activity, occurrence__in=list(changes))
        .active()
        .exclude(user=None)
        .select_related("user")
    )
    sent = 0
    for signup in signups:
        change = changes[signup.occurrence]
        signup.activity = activity
        template = "date_cancelled" if change.cancelled else "date_moved"

        def notify(signup=signup, template=template, change=change):
            _email(signup, template, change=change)

        moved_to = "cancelled" if change.cancelled else change.new_starts_at.isoformat()
        if change.room_id and not change.cancelled:  # moved to another room: told again
            moved_to += f"@room-{change.room_id}"
        sent += run_once(f"events:date-change:{signup.pk}:{moved_to}", notify)
    return sent


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email the confirmed participants of tomorrow's dates, once each; return how many.

    The rule: the reminder of a date goes out on the day before it (Polish calendar days),
    by the first run at or after MAM_ACTIVITY_REMINDER_HOUR o'clock Polish time, never
    earlier, and not at all once that day has passed. Idempotent: each reminder is sent
    under its own done-mark (jobs.services.run_once), so a run repeated after a worker died,
    or hourly through the afternoon, emails nobody twice.
    """
    now = now or timezone.now()
    if recurrence.local(now).hour < settings.MAM_ACTIVITY_REMINDER_HOUR:
        return 0
    tomorrow = recurrence.local(now).date() + datetime.timedelta(days=1)
    near = (tomorrow - REMINDER_MOVE_DAYS, tomorrow + REMINDER_MOVE_DAYS)  # moved dates
    due = (
        SignUp.objects.filter(occurrence__range=near, state=SignUp.State.CONFIRMED)
        .exclude(user=None)
        .select_related("activity", "user")
        .prefetch_related(with_date_changes("activity__"))
    )
    sent = 0
    for signup in due:
        occurrence = recurrence.occurrence_on(signup.activity, signup.occurrence)
        if occurrence is None or occurrence.starts_at.date() != tomorrow:
            continue

        def remind(signup=signup):
            SignUp.objects.filter(pk=signup.pk).update(reminded_at=now)
            _email(signup, "reminder")

        key = f"events:reminder:{signup.pk}:{occurrence.starts_at.isoformat()}"
        sent += run_once(key, remind)
    return sent
