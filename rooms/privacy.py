"""The person's room requests and bookings in their data download."""

from accounts.services.privacy import user_data_section
from rooms.models import Booking


@user_data_section("room_bookings")
def room_bookings(user) -> list[dict]:
    """Every room the person asked for, whatever became of it, oldest first."""
    bookings = Booking.objects.filter(requested_by=user).select_related("room").order_by("pk")
    return [
        {
            "room": b.room.name,
            "starts_at": b.starts_at.isoformat(),
            "ends_at": b.ends_at.isoformat(),
            "purpose": b.purpose,
            "people": b.people,
            "organisation": b.organisation,
            "state": b.state,
            "decline_reason": b.decline_reason,
            "asked_at": b.created_at.isoformat(),
        }
        for b in bookings
    ]
