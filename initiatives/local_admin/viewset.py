"""The admin viewset of local initiative applications: listing, evaluation, decision, history."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import StaffListingViewSet
from initiatives.local_admin.actions import DecisionView, EvaluationView, TermsView
from initiatives.local_admin.listing import (
    ApplicationFilterSet,
    ApplicationHistoryView,
    ApplicationIndexView,
)
from initiatives.models import LocalInitiativeApplication as App


class LocalApplicationAdminViewSet(StaffListingViewSet):
    """Applications of the organiser's centres (not drafts), evaluation, decision, history."""

    model = App
    generic_routes = ("history", "history_results")
    name = "mam_local_initiatives"
    url_prefix = "local-initiatives"
    icon = "doc-full"
    menu_label = _("Local initiatives")
    menu_order = 261
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    history_view_class = ApplicationHistoryView
    filterset_class = ApplicationFilterSet
    list_export = ["title", "centre", "state", "filed_on", "decided_on"]
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames = ()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", EvaluationView.as_view(), name="evaluate"),
            path("<id:pk>/decision/", DecisionView.as_view(), name="decide"),
            path("terms/<id:centre_pk>/", TermsView.as_view(), name="terms"),
        ]
