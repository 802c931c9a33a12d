"""A resident's or an organisation's request for a room, and the rules it must meet.

Every write that can make a booking confirmed takes the room's row lock first
(`select_for_update`), so parallel confirmations of the same room queue one behind another
and the overlap check reads what the one before wrote. On PostgreSQL the exclusion constraint
(rooms.models) stands behind the check; on SQLite the lock is the whole guard.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.permissions import contribution_refusal
from accounts.roles import is_staff_for
from accounts.services.residency import is_verified_resident
from consultations.participation import refused
from rooms import selectors
from rooms.models import Booking, Room
from rooms.services.common import (
    REFUSALS,
    STAFF_PERMISSION,
    _locked,
    _overlap_refusal,
    _overlapping,
)


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


def check_request(
    *,
    room: Room,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    people: int,
    now: datetime.datetime,
):
    """Refuse what no request of `room` may be, whoever asks: a room not for booking, a time
    the centre's rules refuse, no purpose, too many people. Return the centre's rules."""
    if not room.bookable:
        raise refused("room", _("This room cannot be booked."))
    rules = selectors.rules(room.centre)
    code, message = slot_refusal(room, starts_at, ends_at, rules=rules, now=now)
    if code:
        raise refused(code, message)
    if not purpose.strip():
        raise refused("purpose", _("Say what the room is for."))
    if people < 1:
        raise refused("people", _("Give the number of people, at least one."))
    if people > room.capacity:
        raise refused("people", _("The room holds at most %(n)s people.") % {"n": room.capacity})
    return rules


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
    rules = check_request(
        room=room, starts_at=starts_at, ends_at=ends_at, purpose=purpose, people=people, now=now
    )
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
