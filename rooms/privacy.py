"""A person's room bookings in their data download, and what deleting the account does."""

from django.utils import timezone
from wagtail import hooks

from accounts.services.privacy import user_data_section, when_iso
from rooms.models import Booking
from rooms.services.decisions import booking_cancel


@user_data_section("room_bookings")
def room_bookings(user) -> list[dict]:
    """Every booking the person asked for, with what the centre decided."""
    bookings = Booking.objects.filter(requested_by=user).select_related("room")
    return [
        {
            "room": booking.room.name,
            "starts_at": when_iso(booking.starts_at),
            "ends_at": when_iso(booking.ends_at),
            "state": booking.state,
            "who_uses_it": booking.user_kind,
            "organisation": booking.organisation,
            "purpose": booking.purpose,
            "people": booking.people,
            "asked_at": when_iso(booking.created_at),
            "decided_at": when_iso(booking.decided_at),
            "decline_reason": booking.decline_reason,
            "cancelled_at": when_iso(booking.cancelled_at),
        }
        for booking in bookings.order_by("starts_at", "pk")
    ]


@hooks.register("mam_user_delete")
def bookings_of_deleted_account(user) -> None:
    """Coming bookings nobody can answer for any more are cancelled, so the room is free for
    others; past ones stay (without a person) for the centre's yearly usage."""
    coming = Booking.objects.filter(
        requested_by=user,
        state__in=(Booking.State.PENDING, Booking.State.CONFIRMED),
        starts_at__gt=timezone.now(),
    )
    for booking in coming.order_by("pk"):
        booking_cancel(booking=booking, user=user)
