"""Moderation in Wagtail's admin: the queue of reported contributions and the actions on them."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.admin.common import StaffViewSet
from accounts.admin.moderation.actions import (
    BlockView,
    ContributionHistoryView,
    ContributionView,
    DismissView,
    HideView,
    RestoreView,
    UnblockView,
    WarnView,
)
from accounts.admin.moderation.queue import ModerationQueueView
from accounts.admin.moderation.targets import QUEUE


class ModerationViewSet(StaffViewSet):
    name = "mam_moderation"
    url_prefix = "moderation"
    icon = "warning"
    menu_label = _("Moderation")
    permission = QUEUE

    def get_urlpatterns(self):
        target = "<id:content_type_id>/<id:pk>"
        return [
            *super().get_urlpatterns(),
            path("", ModerationQueueView.as_view(), name="index"),
            path(
                "results/",
                ModerationQueueView.as_view(results_only=True),
                name="index_results",
            ),
            path(f"{target}/", ContributionView.as_view(), name="detail"),
            path(f"{target}/hide/", HideView.as_view(), name="hide"),
            path(f"{target}/restore/", RestoreView.as_view(), name="restore"),
            path(f"{target}/dismiss/", DismissView.as_view(), name="dismiss"),
            path(f"{target}/warn/", WarnView.as_view(), name="warn"),
            path(f"{target}/block/", BlockView.as_view(), name="block"),
            path(f"{target}/unblock/", UnblockView.as_view(), name="unblock"),
            path(f"{target}/history/", ContributionHistoryView.as_view(), name="history"),
            path(
                f"{target}/history/results/",
                ContributionHistoryView.as_view(results_only=True),
                name="history_results",
            ),
        ]
