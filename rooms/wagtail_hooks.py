"""Rooms in Wagtail's admin (rooms.admin)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from rooms import participation  # noqa: F401 - registers the person's own sections
from rooms.admin import BookingAdminViewSet, BookingRulesAdminViewSet, RoomAdminViewSet
from rooms.admin import waiting as _waiting  # noqa: F401 - registers its dashboard count
from rooms.services import ATTENDANCE_ACTION
from rooms.services.decisions import CANCEL_ACTION, CONFIRM_ACTION, DECLINE_ACTION


@hooks.register("register_admin_viewset")
def register_rooms_admin():
    return RoomAdminViewSet()


@hooks.register("register_admin_viewset")
def register_booking_rules_admin():
    return BookingRulesAdminViewSet()


@hooks.register("register_admin_viewset")
def register_room_bookings_admin():
    return BookingAdminViewSet()


@hooks.register("register_log_actions")
def register_rooms_log_actions(actions):
    actions.register_action(
        ATTENDANCE_ACTION, _("People who came"), _("Number of people who came entered")
    )
    actions.register_action(CONFIRM_ACTION, _("Booking confirmed"), _("Booking confirmed"))
    actions.register_action(DECLINE_ACTION, _("Booking declined"), _("Booking declined"))
    actions.register_action(
        CANCEL_ACTION, _("Booking cancelled"), _("Booking cancelled by the person who asked")
    )
