"""Booking a room: a request, a booking staff enter for a caller, the centre's decision,
cancelling, who came, and activities' dates. Split by seam; the old names stay importable here."""

from rooms.services.activities import activity_bookings_replace, activity_bookings_replace_free
from rooms.services.attendance import ATTENDANCE_ACTION, booking_attendance_record
from rooms.services.common import REFUSALS, STAFF_PERMISSION
from rooms.services.decisions import booking_cancel, booking_confirm, booking_decline
from rooms.services.desk import booking_for_caller
from rooms.services.requests import (
    booking_request,
    check_request,
    requester_refusal,
    slot_refusal,
)

__all__ = [
    "ATTENDANCE_ACTION",
    "REFUSALS",
    "STAFF_PERMISSION",
    "activity_bookings_replace",
    "activity_bookings_replace_free",
    "booking_attendance_record",
    "booking_cancel",
    "booking_confirm",
    "booking_decline",
    "booking_for_caller",
    "booking_request",
    "check_request",
    "requester_refusal",
    "slot_refusal",
]
