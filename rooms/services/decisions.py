"""The centre's decision on a request (confirm, decline) and the requester's cancelling."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from config import cache_versions
from consultations.participation import refused
from rooms.models import Booking
from rooms.services.common import _email, _locked, _overlap_refusal, _overlapping

# The centre's decisions and the requester's cancelling, in Wagtail's action log (who, when;
# a refusal's reason): staff answer for them to the people who asked and to the town.
CONFIRM_ACTION = "mam.rooms.confirm"
DECLINE_ACTION = "mam.rooms.decline"
CANCEL_ACTION = "mam.rooms.cancel"


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
    log(booking, CONFIRM_ACTION, user=by)
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
    log(booking, DECLINE_ACTION, user=by, data={"reason": booking.decline_reason})
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
    log(booking, CANCEL_ACTION, user=user)
    if was_confirmed:
        cache_versions.pages_changed(None, listings=True)
    return booking
