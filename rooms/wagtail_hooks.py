"""Rooms in Wagtail's admin (rooms.admin)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from rooms import participation  # noqa: F401 - registers the person's own sections
from rooms.admin import BookingAdminViewSet, BookingRulesAdminViewSet, RoomAdminViewSet
from rooms.admin import waiting as _waiting  # noqa: F401 - registers its dashboard count
from rooms.services import ATTENDANCE_ACTION


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
