"""Rooms in Wagtail's admin (rooms.admin)."""

from wagtail import hooks

from rooms.admin import BookingAdminViewSet, BookingRulesAdminViewSet, RoomAdminViewSet


@hooks.register("register_admin_viewset")
def register_rooms_admin():
    return RoomAdminViewSet()


@hooks.register("register_admin_viewset")
def register_booking_rules_admin():
    return BookingRulesAdminViewSet()


@hooks.register("register_admin_viewset")
def register_room_bookings_admin():
    return BookingAdminViewSet()
