"""The petitions' admin viewset: the listing and the staff's action screens."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import (
    StaffListingViewSet,
)
from initiatives.models import Petition
from initiatives.petition_admin.actions import CommitteeView, SheetCountView
from initiatives.petition_admin.council import DecideView, ExtendView, FileView
from initiatives.petition_admin.listing import (
    PetitionFilterSet,
    PetitionHistoryView,
    PetitionIndexView,
)
from initiatives.petition_admin.rules import RulesView


class PetitionAdminViewSet(StaffListingViewSet):
    """The centre's petitions and the staff's part in them; staff never write petitions."""

    model = Petition
    generic_routes = ("history", "history_results")
    name = "mam_petitions"
    url_prefix = "petitions"
    icon = "doc-full"
    menu_label = _("Petitions")
    menu_order = 265
    add_to_admin_menu = True
    index_view_class = PetitionIndexView
    filterset_class = PetitionFilterSet
    history_view_class = PetitionHistoryView
    list_export = ["title", "centre", "state", "paper_signatures", "supporters_count"]
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames = ()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", SheetCountView.as_view(), name="manage"),
            path("<id:pk>/committee/", CommitteeView.as_view(), name="committee"),
            path("<id:pk>/filing/", FileView.as_view(), name="file"),
            path("<id:pk>/decision/", DecideView.as_view(), name="decide"),
            path("<id:pk>/extension/", ExtendView.as_view(), name="extend"),
            path("threshold/<id:centre_pk>/", RulesView.as_view(), name="rules"),
        ]
