"""Rooms in Wagtail's admin, scoped to the staff member's centres.

Rooms and each centre's booking rules are model listings (Wagtail's ModelViewSet) limited to
the centres where the user is staff (accounts.roles.staff_centres), as every staff listing
is (rooms.admin.rooms); bookings have a queue (waiting first) with a decision screen, a
booking for a caller and the number of people who came (rooms.admin.bookings), a week
calendar of all rooms, a printable schedule and a yearly usage summary with a CSV download
(rooms.admin.staff_views), all through rooms.services.
"""

from rooms.admin.bookings import BookingAdminViewSet
from rooms.admin.rooms import BookingRulesAdminViewSet, RoomAdminViewSet

__all__ = ["BookingAdminViewSet", "BookingRulesAdminViewSet", "RoomAdminViewSet"]
