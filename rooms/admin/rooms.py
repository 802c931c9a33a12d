"""Rooms and each centre's opening hours and booking rules: model listings limited to the
centres where the user is staff; saving either changes what the rooms' public pages show."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.admin.common import ScopedIndexView
from accounts.roles import staff_centres
from config import cache_versions
from rooms.models import BookingRules, Room

VIEW_ROOM, CHANGE_RULES = "rooms.view_room", "rooms.change_bookingrules"


class CentreScopedModelForm(WagtailAdminModelForm):
    """Offers only the centres where the user may change the model."""

    permission = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "centre" in self.fields:
            self.fields["centre"].queryset = staff_centres(self.for_user, self.permission)


class RoomForm(CentreScopedModelForm):
    permission = "rooms.change_room"

    def save(self, commit=True):
        # The rooms list and each room's week (anonymous page copies) show the room's details.
        cache_versions.pages_changed(None, listings=True)
        return super().save(commit=commit)


class RulesForm(CentreScopedModelForm):
    permission = CHANGE_RULES

    def save(self, commit=True):
        # Opening hours shape the weeks the rooms' pages show.
        cache_versions.pages_changed(None, listings=True)
        return super().save(commit=commit)


def _scoped_views(permission: str):
    """Edit and delete views that find objects only within the user's centres."""

    class ScopedObjectMixin:
        def get_object(self, queryset=None):
            centres = staff_centres(self.request.user, permission)
            queryset = self.model._default_manager.filter(centre__in=centres)
            if getattr(self, "object", None):
                return self.object
            return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])

    class ScopedEditView(ScopedObjectMixin, EditView):
        pass

    class ScopedDeleteView(ScopedObjectMixin, DeleteView):
        pass

    return ScopedEditView, ScopedDeleteView


class RoomIndexView(ScopedIndexView):
    permission = VIEW_ROOM

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre")


RoomEditView, RoomDeleteView = _scoped_views("rooms.change_room")


class RoomAdminViewSet(ModelViewSet):
    model = Room
    name = "mam_rooms"
    url_prefix = "sale"
    icon = "home"
    menu_label = _("Rooms")
    add_to_admin_menu = True
    menu_order = 255
    index_view_class = RoomIndexView
    edit_view_class = RoomEditView
    delete_view_class = RoomDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["name", "centre", "capacity", "bookable"]
    list_filter = []
    edit_handler = ObjectList(Room.panels, base_form_class=RoomForm)


class RulesIndexView(ScopedIndexView):
    permission = CHANGE_RULES

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre")


RulesEditView, RulesDeleteView = _scoped_views(CHANGE_RULES)


class BookingRulesAdminViewSet(ModelViewSet):
    model = BookingRules
    name = "mam_booking_rules"
    url_prefix = "zasady-rezerwacji"
    icon = "time"
    menu_label = _("Opening hours and booking rules")
    add_to_admin_menu = True
    menu_order = 256
    index_view_class = RulesIndexView
    edit_view_class = RulesEditView
    delete_view_class = RulesDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["centre", "ahead_days", "longest_hours", "open_requests"]
    edit_handler = ObjectList(BookingRules.panels, base_form_class=RulesForm)
