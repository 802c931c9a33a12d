"""A centre's RoomIndexPage, which routes the public list of rooms and each room's week."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from config import cache_versions
from home.models import CentrePage
from home.restrictions import OneQueryViewRestrictions


def _views():
    """The views module, which imports these models (so not at the top)."""
    from rooms import views

    return views


class RoomIndexPage(OneQueryViewRestrictions, RoutablePageMixin, Page):
    """The centre's rooms (`<centre>/sale/`): the list, each room's week, booking requests."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.CentrePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("rooms index")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Bookings change the weeks shown here (rooms.services bumps listings)."""
        return (cache_versions.LISTINGS_KEY,)

    @property
    def centre(self) -> CentrePage:
        return self.get_parent().specific

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
