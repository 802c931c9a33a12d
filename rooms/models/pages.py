"""A centre's RoomIndexPage, which routes the public list of rooms and each room's week."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from home.centre_sections import CentreSectionIndex
from home.restrictions import OneQueryViewRestrictions


def _views():
    """The views module, which imports these models (so not at the top)."""
    from rooms import views

    return views


class RoomIndexPage(CentreSectionIndex, OneQueryViewRestrictions, RoutablePageMixin, Page):
    """The centre's rooms (`<centre>/sale/`): the list, each room's week, booking requests."""

    class Meta:
        verbose_name = _("rooms index")

    @path("")
    def rooms(self, request):
        return _views().room_list(request, self)

    @path("<id:room_id>/", name="room")
    def room(self, request, room_id):
        return _views().room_week(request, self, room_id)

    @path("<id:room_id>/rezerwuj/", name="request")
    def request_booking(self, request, room_id):
        return _views().booking_new(request, self, room_id)

    @path("moje-rezerwacje/", name="mine")
    def mine(self, request):
        return _views().my_bookings(request, self)
