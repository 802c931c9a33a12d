"""A booking staff enter for a person without an account, who asked at the desk or by
phone: the same rules as a resident's request (rooms.services.requests.check_request), no
account made, confirmed at once or left waiting as staff choose."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_staff_for
from config import cache_versions
from consultations.participation import refused
from rooms.models import Booking, Room
from rooms.services.common import (
    STAFF_PERMISSION,
    _email_caller,
    _locked,
    _overlap_refusal,
    _overlapping,
)
from rooms.services.requests import check_request


@transaction.atomic
def booking_for_caller(
    *,
    room: Room,
    by,
    name: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    people: int,
    phone: str = "",
    email: str = "",
    organisation: str = "",
    confirm: bool = True,
    now: datetime.datetime | None = None,
) -> Booking:
    """Book `room` for a caller without an account, entered by staff member `by`."""
    now = now or timezone.now()
    room = _locked(room)
    centre = room.centre
    if not is_staff_for(by, STAFF_PERMISSION, centre):
        raise refused("staff", _("Only the centre's staff can book a room for a caller."))
    if not name.strip():
        raise refused("name", _("Give the caller's name."))
    check_request(
        room=room, starts_at=starts_at, ends_at=ends_at, purpose=purpose, people=people, now=now
    )
    clash = _overlapping(room, starts_at, ends_at).first()
    if clash is not None:
        raise _overlap_refusal(clash)
    organisation = organisation.strip()[:200]
    booking = Booking(
        room=room,
        centre=centre,
        starts_at=starts_at,
        ends_at=ends_at,
        state=Booking.State.CONFIRMED if confirm else Booking.State.PENDING,
        user_kind=Booking.UserKind.NGO if organisation else Booking.UserKind.RESIDENT,
        purpose=purpose.strip()[:300],
        people=people,
        organisation=organisation,
        caller_name=name.strip()[:200],
        caller_phone=phone.strip()[:40],
        caller_email=email.strip(),
        entered_by=by,
        created_at=now,
        decided_at=now if confirm else None,
        decided_by=by if confirm else None,
    )
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:  # the exclusion constraint (PostgreSQL)
        raise refused("overlap", _("The room is already booked then.")) from error
    if confirm:
        cache_versions.pages_changed(None, listings=True)
    _email_caller(booking)
    return booking
