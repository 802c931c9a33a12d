"""Booking a room: a request, the centre's decision, cancelling, and activities' dates.

Every write that can make a booking confirmed takes the room's row lock first
(`select_for_update`), so parallel confirmations of the same room queue one behind another
and the overlap check reads what the one before wrote. On PostgreSQL the exclusion constraint
(rooms.models) stands behind the check; on SQLite the lock is the whole guard.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.notifications import send_user_email
from accounts.permissions import contribution_refusal
from accounts.roles import is_staff_for
from accounts.services.residency import is_verified_resident
from config import cache_versions
from consultations.participation import refused
from home.links import absolute_url
from rooms import selectors
from rooms.models import Booking, Room, RoomIndexPage
from rooms.overlaps import activity_clashes, clash_message
from rooms.overlaps import when as _when

STAFF_PERMISSION = "rooms.change_booking"
REFUSALS = {
    "login": lambda: _("Sign in to ask for a room."),
    "blocked": lambda: _("Your account is blocked, so you cannot ask for a room."),
    "email": lambda: _("Confirm your email address first, then you can ask for a room."),
}


def _locked(room: Room) -> Room:
    """The room again, its row locked until the transaction ends."""
    return Room.objects.select_for_update().select_related("centre").get(pk=room.pk)


def _overlapping(room: Room, starts_at, ends_at, *, exclude_pk=None):
    found = Booking.objects.confirmed().filter(room=room).overlapping(starts_at, ends_at)
    return found.exclude(pk=exclude_pk) if exclude_pk else found


def _overlap_refusal(clash: Booking):
    if clash.is_activity:
        message = _("The room is taken by an activity then (%(when)s). Choose another time.")
    else:
        message = _("The room is already booked then (%(when)s). Choose another time.")
    when = f"{_when(clash.starts_at)}–{selectors.local(clash.ends_at):%H:%M}"
    return refused("overlap", message % {"when": when})


def requester_refusal(user, centre, user_kind: str) -> tuple[str, str]:
    """Why `user` may not ask for a room of `centre` as `user_kind` (code, message), or
    ("", "") when they may: a confirmed resident of the centre's town, a confirmed
    organisation, or the centre's staff booking for the town."""
    code = contribution_refusal(user)
    if code:
        return code, REFUSALS[code]()
    if user_kind == Booking.UserKind.NGO and not user.organisation_confirmed_at:
        return "organisation", _(
            "Only an organisation confirmed by the centre can book as an organisation. "
            "Name your organisation on your profile and ask the centre to confirm it."
        )
    if user_kind == Booking.UserKind.RESIDENT and not is_verified_resident(user, centre):
        return "residence", _(
            "Only verified residents of %(town)s can book a room. Confirm that you live "
            "there (at the centre or online), then ask again."
        ) % {"town": centre.town or _("the town")}
    if user_kind == Booking.UserKind.TOWN and not is_staff_for(user, STAFF_PERMISSION, centre):
        return "town", _("Only the centre's staff can book a room for the town.")
    if user_kind not in (Booking.UserKind.RESIDENT, Booking.UserKind.NGO, Booking.UserKind.TOWN):
        return "kind", _("Choose who will use the room.")
    return "", ""


def slot_refusal(
    room: Room,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    *,
    rules,
    now: datetime.datetime,
) -> tuple[str, str]:
    """Why the centre's rules refuse this time (code, message), or ("", "")."""
    if ends_at <= starts_at:
        return "slot", _("The end must come after the start.")
    if starts_at <= now:
        return "past", _("Choose a time in the future.")
    if starts_at > now + datetime.timedelta(days=rules.ahead_days):
        return "ahead", _("A room can be booked at most %(days)s days ahead.") % {
            "days": rules.ahead_days
        }
    if ends_at - starts_at > rules.longest:
        return "longest", _("A booking can last at most %(hours)s hours.") % {
            "hours": formats.number_format(rules.longest_hours)
        }
    day = selectors.local(starts_at).date()
    closed = selectors.closed_days(rules)
    if day in closed:
        note = closed[day]
        return "closed", (
            _("The centre is closed on that day (%(note)s).") % {"note": note}
            if note
            else _("The centre is closed on that day.")
        )
    opening = selectors.opening(rules, day)
    if not opening:
        return "closed", _("The centre is closed on that day of the week.")
    if not any(opens <= starts_at and ends_at <= closes for opens, closes in opening):
        hours = ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in opening)
        return "hours", _("The centre is open then only %(hours)s.") % {"hours": hours}
    return "", ""


def _check_open_requests(user, centre, *, rules, now: datetime.datetime) -> None:
    """Refuse a request when `user` already holds as many open ones as the centre allows."""
    held = (
        Booking.objects.open()
        .requests()
        .filter(requested_by=user, centre=centre, ends_at__gt=now)
        .count()
    )
    if held >= rules.open_requests:
        raise refused(
            "open_requests",
            _(
                "You already have %(n)s open bookings at this centre, the most it allows. "
                "Wait for one to pass or cancel one."
            )
            % {"n": held},
        )


@transaction.atomic
def booking_request(
    *,
    room: Room,
    user,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    people: int,
    user_kind: str,
    now: datetime.datetime | None = None,
) -> Booking:
    """Ask for `room` from `starts_at` to `ends_at`; the centre's staff confirm or decline."""
    now = now or timezone.now()
    room = _locked(room)
    centre = room.centre
    code, message = requester_refusal(user, centre, user_kind)
    if code:
        raise refused(code, message)
    if not room.bookable:
        raise refused("room", _("This room cannot be booked."))
    rules = selectors.rules(centre)
    code, message = slot_refusal(room, starts_at, ends_at, rules=rules, now=now)
    if code:
        raise refused(code, message)
    if not purpose.strip():
        raise refused("purpose", _("Say what the room is for."))
    if people < 1:
        raise refused("people", _("Give the number of people, at least one."))
    if people > room.capacity:
        raise refused("people", _("The room holds at most %(n)s people.") % {"n": room.capacity})
    _check_open_requests(user, centre, rules=rules, now=now)
    clash = _overlapping(room, starts_at, ends_at).first()
    if clash is not None:
        raise _overlap_refusal(clash)
    booking = Booking.objects.create(
        room=room,
        centre=centre,
        starts_at=starts_at,
        ends_at=ends_at,
        state=Booking.State.PENDING,
        user_kind=user_kind,
        purpose=purpose.strip()[:300],
        people=people,
        requested_by=user,
        organisation=user.organisation_name if user_kind == Booking.UserKind.NGO else "",
        created_at=now,
    )
    return booking


def _email(booking: Booking, template: str) -> None:
    if booking.requested_by_id is None:
        return
    index = RoomIndexPage.objects.child_of(booking.centre).live().first()
    context = {
        "booking": booking,
        "room": booking.room,
        "centre": booking.centre,
        "when": f"{_when(booking.starts_at)}–{selectors.local(booking.ends_at):%H:%M}",
        "mine_url": absolute_url(index.url + index.reverse_subpage("mine")) if index else "",
    }
    send_user_email(booking.requested_by, f"rooms/email/{template}", context)


@transaction.atomic
def booking_confirm(*, booking: Booking, by, now: datetime.datetime | None = None) -> Booking:
    """Confirm a waiting request, if no confirmed booking of the room overlaps it."""
    now = now or timezone.now()
    _locked(booking.room)
    booking = (
        Booking.objects.select_for_update().select_related("room", "centre").get(pk=booking.pk)
    )
    if booking.state != Booking.State.PENDING:
        raise refused("state", _("This request has already been decided or cancelled."))
    clash = _overlapping(booking.room, booking.starts_at, booking.ends_at).first()
    if clash is not None:
        raise _overlap_refusal(clash)
    booking.state, booking.decided_at, booking.decided_by = Booking.State.CONFIRMED, now, by
    try:
        with transaction.atomic():
            booking.save(update_fields=["state", "decided_at", "decided_by"])
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise refused("overlap", _("The room is already booked then.")) from error
    _email(booking, "booking_confirmed")
    cache_versions.pages_changed(None, listings=True)
    return booking


@transaction.atomic
def booking_decline(
    *, booking: Booking, by, reason: str, now: datetime.datetime | None = None
) -> Booking:
    """Decline a waiting request with a reason the requester is emailed."""
    now = now or timezone.now()
    if not reason.strip():
        raise refused("reason", _("Say why the request is declined."))
    booking = (
        Booking.objects.select_for_update().select_related("room", "centre").get(pk=booking.pk)
    )
    if booking.state != Booking.State.PENDING:
        raise refused("state", _("This request has already been decided or cancelled."))
    booking.state, booking.decided_at, booking.decided_by = Booking.State.DECLINED, now, by
    booking.decline_reason = reason.strip()
    booking.save(update_fields=["state", "decided_at", "decided_by", "decline_reason"])
    _email(booking, "booking_declined")
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, user, now: datetime.datetime | None = None) -> Booking:
    """The requester cancels their waiting or confirmed booking before it starts."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.requested_by_id is None or booking.requested_by_id != user.pk:
        raise refused("owner", _("Only the person who asked can cancel this booking."))
    if booking.state not in (Booking.State.PENDING, Booking.State.CONFIRMED):
        raise refused("state", _("This booking is not open any more."))
    if booking.starts_at <= now:
        raise refused("past", _("A booking that has started cannot be cancelled."))
    was_confirmed = booking.state == Booking.State.CONFIRMED
    booking.state, booking.cancelled_at = Booking.State.CANCELLED, now
    booking.save(update_fields=["state", "cancelled_at"])
    if was_confirmed:
        cache_versions.pages_changed(None, listings=True)
    return booking


# --- Activities held in a room (called by events' services) -----------------------------


@transaction.atomic
def activity_bookings_replace(
    *,
    activity,
    room: Room | None,
    slots: list[tuple[datetime.date, datetime.datetime, datetime.datetime]],
    user_kind: str,
    people: int = 0,
    now: datetime.datetime | None = None,
) -> list[Booking]:
    """Make the activity's future dates (`slots`: key, start, end) its room's bookings,
    replacing the ones written before; refuse when a confirmed booking overlaps one."""
    now = now or timezone.now()
    future = Booking.objects.filter(activity=activity, ends_at__gt=now)
    if room is None:
        future.delete()
        cache_versions.pages_changed(None, listings=True)
        return []
    room = _locked(room)
    future.delete()
    slots = [slot for slot in slots if slot[2] > now]
    clashes = activity_clashes(room=room, slots=slots)
    if clashes:
        raise refused("overlap", clash_message(clashes))
    made = [
        Booking(
            room=room,
            centre=room.centre,
            starts_at=starts_at,
            ends_at=ends_at,
            state=Booking.State.CONFIRMED,
            user_kind=user_kind,
            purpose=activity.title[:300],
            people=people,
            activity=activity,
            occurrence=key,
            created_at=now,
            decided_at=now,
        )
        for key, starts_at, ends_at in slots
    ]
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(made)
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise refused(
            "overlap", _("The room is already booked at the time of this activity.")
        ) from error
    cache_versions.pages_changed(None, listings=True)
    return made
