"""Rooms of a centre, its booking rules and opening hours, and the bookings of a room.

Rooms are plain models (snippets in the admin) with a foreign key to their centre; the
public list and a room's week are routes of the centre's `RoomIndexPage` (`<centre>/sale/`),
as activities are routes of `<centre>/wydarzenia/`. A booking is a resident's or an
organisation's request, or a date of an activity held in the room (`activity`, a blocking
booking written by events' services). Two confirmed bookings of a room never overlap: an
exclusion constraint on PostgreSQL (PostgresExclusionConstraint) and a check under the
room's row lock everywhere (rooms.services).
"""

# isort: skip_file
# Imported in the order the models were declared, so Django registers them as before.
from rooms.models.pages import RoomIndexPage
from rooms.models.rooms import Room, RoomPhoto
from rooms.models.rules import BookingRules, ClosedDay, OpeningHours, Weekday
from rooms.models.bookings import Booking, BookingQuerySet, PostgresExclusionConstraint, TsTzRange

__all__ = [
    "Booking",
    "BookingQuerySet",
    "BookingRules",
    "ClosedDay",
    "OpeningHours",
    "PostgresExclusionConstraint",
    "Room",
    "RoomIndexPage",
    "RoomPhoto",
    "TsTzRange",
    "Weekday",
]
