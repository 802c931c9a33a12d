"""Sign-ups for a date of an activity: places, the waiting list, cancelling, attendance.

Every write takes the activity's row lock first, so parallel sign-ups for the same activity
queue one behind another and the count of confirmed places is read and used under the lock:
never more confirmed than places (tests/events/test_signup_concurrency.py on PostgreSQL). A
moved date may have its own number of places (DateChange.places), read under the same lock.
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.notifications import send_user_email
from config import cache_versions
from consultations.participation import refused
from events import recurrence
from events.models import ActivityPage, Attendance, SignUp, with_date_changes
from events.services.audit import ATTENDANCE_ACTION
from home.links import absolute_url

CANCEL_SALT = "events.signup.cancel"
SIGNUP_AHEAD_DAYS = 90
REMINDER_MOVE_DAYS = datetime.timedelta(days=31)


def cancel_token(signup: SignUp) -> str:
    """The signed token of the no-login cancel link: `<id>-<signature>`, only characters
    that Wagtail's page paths allow (letters, digits, - and _)."""
    signature = signing.Signer(salt=CANCEL_SALT).signature(str(signup.pk))
    return f"{signup.pk}-{signature}"


def signup_from_token(token: str) -> SignUp | None:
    pk, _sep, signature = token.partition("-")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19 and signature):
        return None
    expected = signing.Signer(salt=CANCEL_SALT).signature(pk)
    if not constant_time_compare(signature, expected):
        return None
    return SignUp.objects.select_related("activity", "user").filter(pk=int(pk)).first()


def cancel_url(signup: SignUp) -> str:
    activity = signup.activity
    return absolute_url(
        activity.url + activity.reverse_subpage("cancel", args=[cancel_token(signup)])
    )


def signup_closes_at(occurrence: recurrence.Occurrence) -> datetime.datetime:
    hours = occurrence.activity.signup_closes_hours
    return occurrence.starts_at - datetime.timedelta(hours=hours)


def signup_refusal(
    activity: ActivityPage, day: datetime.date, *, now: datetime.datetime
) -> tuple[recurrence.Occurrence | None, str]:
    """The date, and why one cannot sign up for it now ("" when one can)."""
    if activity.places is None:
        return None, _("This activity needs no sign-up: just come.")
    occurrence = recurrence.occurrence_on(activity, day)
    if occurrence is None:
        return None, _("The activity does not take place on this date.")
    if now >= signup_closes_at(occurrence):
        return occurrence, _("Sign-up for this date has closed.")
    if occurrence.starts_at > now + datetime.timedelta(days=SIGNUP_AHEAD_DAYS):
        return occurrence, _("Sign-up for this date has not opened yet.")
    return occurrence, ""


def _locked(activity: ActivityPage) -> ActivityPage:
    """The activity again, its row locked until the transaction ends."""
    return (
        ActivityPage.objects.select_for_update(of=("self",))
        .prefetch_related(with_date_changes())
        .get(pk=activity.pk)
    )


def _confirmed_count(activity: ActivityPage, day: datetime.date) -> int:
    return SignUp.objects.of_date(activity, day).filter(state=SignUp.State.CONFIRMED).count()


def _email(signup: SignUp, template: str, **extra) -> None:
    if signup.user_id is None:
        return
    occurrence = recurrence.occurrence_on(signup.activity, signup.occurrence)
    context = {
        **extra,
        "signup": signup,
        "activity": signup.activity,
        "occurrence": occurrence,
        "activity_url": absolute_url(signup.activity.url),
        "cancel_url": cancel_url(signup),
    }
    send_user_email(signup.user, f"events/email/{template}", context)


@transaction.atomic
def signup_join(
    *,
    activity: ActivityPage,
    day: datetime.date,
    user=None,
    name: str = "",
    entered_by=None,
    now: datetime.datetime | None = None,
) -> SignUp:
    """Sign `user` (online) or `name` (at the desk) up for the date planned for `day`.

    A confirmed place while there are places, else the waiting list (if the activity keeps
    one). Signing up twice returns the first sign-up.
    """
    now = now or timezone.now()
    activity = _locked(activity)
    occurrence, refusal = signup_refusal(activity, day, now=now)
    if refusal and not (entered_by is not None and occurrence is not None):
        raise refused("signup", refusal)
    if user is not None:
        existing = SignUp.objects.of_date(activity, day).active().filter(user=user).first()
        if existing is not None:
            return existing
        name = user.public_name
    if not name.strip():
        raise refused("name", _("Give the name of the person."))
    places = recurrence.places_on(activity, day)  # a moved date may have its own number
    confirmed = _confirmed_count(activity, day)
    if confirmed < places and _move_up(activity, day, now=now, confirmed=confirmed):
        # places were added and the page's publishing has not moved the queue up yet
        confirmed = _confirmed_count(activity, day)
    if confirmed < places:
        state = SignUp.State.CONFIRMED
    elif activity.waiting_list:
        state = SignUp.State.WAITING
    else:
        raise refused("full", _("There are no places left on this date."))
    signup = SignUp.objects.create(
        activity=activity,
        occurrence=day,
        user=user,
        name=name.strip()[:150],
        state=state,
        created_at=now,
        changed_at=now,
        entered_by=entered_by,
    )
    _email(signup, "signup_confirmed" if state == SignUp.State.CONFIRMED else "signup_waiting")
    cache_versions.pages_changed(None, listings=True)
    return signup


@transaction.atomic
def signup_cancel(*, signup: SignUp, now: datetime.datetime | None = None) -> SignUp | None:
    """Cancel a sign-up; a freed place goes to the first person waiting, who is emailed.

    Returns the sign-up moved up from the waiting list, if any.
    """
    now = now or timezone.now()
    activity = _locked(signup.activity)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.state == SignUp.State.CANCELLED:
        return None
    freed = signup.state == SignUp.State.CONFIRMED
    signup.state, signup.changed_at = SignUp.State.CANCELLED, now
    signup.save(update_fields=["state", "changed_at"])
    cache_versions.pages_changed(None, listings=True)
    if not freed:
        return None
    moved = _move_up(activity, signup.occurrence, now=now)
    return moved[0] if moved else None


def _move_up(
    activity: ActivityPage, day: datetime.date, *, now: datetime.datetime, confirmed=None
) -> list:
    """Give the free places of `day` to the people waiting, first come first served, and
    email each; the caller holds the activity's lock."""
    if confirmed is None:
        confirmed = _confirmed_count(activity, day)
    free = recurrence.places_on(activity, day) - confirmed
    if free <= 0:
        return []
    waiting = SignUp.objects.of_date(activity, day).filter(state=SignUp.State.WAITING)
    moved = list(waiting.select_for_update().order_by("created_at", "pk")[:free])
    for signup in moved:
        signup.state, signup.changed_at = SignUp.State.CONFIRMED, now
        signup.save(update_fields=["state", "changed_at"])
        signup.activity = activity
        _email(signup, "signup_moved_up")
    return moved


@transaction.atomic
def waiting_list_move_up(
    *, activity: ActivityPage, now: datetime.datetime | None = None
) -> list[SignUp]:
    """Fill the places added to the activity (its places raised) from the waiting lists of
    its coming dates, in the order people joined, each emailed as when someone cancels.

    Takes the same lock as sign-up and cancelling. Returns the sign-ups moved up.
    """
    now = now or timezone.now()
    activity = _locked(activity)
    if activity.places is None:
        return []
    days = (
        SignUp.objects.filter(activity=activity, state=SignUp.State.WAITING)
        .filter(occurrence__gte=recurrence.local(now).date() - REMINDER_MOVE_DAYS)  # moved dates
        .values_list("occurrence", flat=True)
        .distinct()
        .order_by("occurrence")
    )
    moved = []
    for day in days:
        occurrence = recurrence.occurrence_on(activity, day)
        if occurrence is None or occurrence.starts_at <= now:
            continue  # cancelled, or already begun: nobody is moved up any more
        moved += _move_up(activity, day, now=now)
    if moved:
        cache_versions.pages_changed(None, listings=True)
    return moved


@transaction.atomic
def attendance_record(
    *,
    activity: ActivityPage,
    day: datetime.date,
    attended: int,
    by,
    now: datetime.datetime | None = None,
) -> Attendance:
    """Record (or correct) how many people came on `day`, once the date has begun (as a room
    booking's count: rooms.services.booking_attendance_record); written to the action log."""
    now = now or timezone.now()
    if attended < 0:
        raise refused("number", _("The number cannot be negative."))
    starts_at = recurrence.starts_on(activity, day)
    if starts_at is None:
        raise refused("date", _("The activity does not take place on this date."))
    if starts_at > now:
        raise refused("future", _("This date has not started yet: enter who came afterwards."))
    earlier = Attendance.objects.filter(activity=activity, occurrence=day)
    previous = earlier.values_list("attended", flat=True).first()  # for the log only
    record, _created = Attendance.objects.update_or_create(
        activity=activity,
        occurrence=day,
        defaults={"attended": attended, "entered_by": by, "entered_at": now},
    )
    data = {"date": day.isoformat(), "attended": attended, "previous": previous}
    log(activity, ATTENDANCE_ACTION, user=by, data=data)
    return record
