"""The listing of local initiative applications, with the evaluation's total, and who may see it.

The organiser role's permissions on initiatives cover the applications too (one role, no new
group permissions): viewing initiatives lets one see them, changing lets one record answers.
"""

import django_filters
from django.db.models import Sum
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.admin.common import (
    ScopedHistoryView,
    ScopedIndexView,
    centre_filter,
)
from accounts.roles import staff_centres
from initiatives.models import LocalInitiativeApplication as App

VIEW = "initiatives.view_initiative"
CHANGE = "initiatives.change_initiative"


class OrganiserPolicy(ModelPermissionPolicy):
    """Seeing applications needs the right to see initiatives; answering, to change them."""

    def user_has_permission(self, user, action):
        wanted = {"view": VIEW, "change": CHANGE}.get(action)
        return wanted is not None and user.is_active and user.has_perm(wanted)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ApplicationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=App.State.choices)
    centre = centre_filter(VIEW)

    class Meta:
        model = App
        fields = ["state", "centre"]


class ApplicationIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Local initiatives")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .exclude(state=App.State.DRAFT)
            .select_related("centre", "initiative")
            .annotate(points=Sum("scores__score"))
            .order_by("-created_at", "-pk")
        )

    def get_edit_url(self, instance):
        if self.request.user.has_perm(CHANGE):
            return reverse("mam_local_initiatives:evaluate", args=[instance.pk])
        return None

    @cached_property
    def header_buttons(self):
        """The town's rules (hourly rate, criteria) of each of the organiser's centres."""
        if not self.request.user.has_perm(CHANGE):
            return []
        return [
            HeaderButton(
                gettext("The town's rules: %(centre)s") % {"centre": centre.title},
                url=reverse("mam_local_initiatives:terms", args=[centre.pk]),
                icon_name="cog",
            )
            for centre in staff_centres(self.request.user, CHANGE).order_by("title")
        ]

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if url := self.get_edit_url(instance):
            buttons.append(MenuItem(_("Evaluation"), url, icon_name="tasks", priority=10))
            decide = reverse("mam_local_initiatives:decide", args=[instance.pk])
            buttons.append(MenuItem(_("Decision"), decide, icon_name="check", priority=15))
        buttons.append(self.history_button(instance))
        return buttons

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title("title", label=_("Title of the task"), get_url=lambda i: self.get_edit_url(i)),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            Column("initiative", label=_("Initiative"), accessor="initiative"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                primary=lambda i: i.state == App.State.READY,
            ),
            Column("points", label=_("Points")),
            DateColumn("filed_on", label=_("Filed on")),
            DateColumn("decided_on", label=_("Decided on")),
        ]


class ApplicationHistoryView(ScopedHistoryView):
    permission = VIEW
