"""Staff admin: the centre's initiatives, the queue waiting for review, stalled ones, outcomes.

Organisers see their own centres' initiatives only (accounts.admin.common scopes every view);
approving or declining goes through the same services as everything else and into the log.
"""

import django_filters
from django import forms
from django.db.models import Case, Exists, OuterRef, Value, When
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn

from accounts.admin.common import (
    DecisionForm,
    DecisionView,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
    centre_filter,
)
from initiatives.admin_coordinator import CoordinatorAppointView
from initiatives.models import Initiative, Membership
from initiatives.selectors import STALLED_AFTER
from initiatives.services import starting
from initiatives.services.coordination import NEEDS_COORDINATOR, state_refusal

VIEW = "initiatives.view_initiative"
CHANGE = "initiatives.change_initiative"
PENDING = Initiative.State.PENDING
COORDINATORS = Membership.objects.filter(role=Membership.Role.COORDINATOR)


class InitiativeFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=Initiative.State.choices)
    stalled = django_filters.BooleanFilter(
        label=_("No activity for 30 days"), method="filter_stalled"
    )
    has_coordinator = django_filters.BooleanFilter(
        label=_("Has a coordinator"), method="filter_has_coordinator"
    )
    needs_coordinator = django_filters.BooleanFilter(
        label=_("Needs a coordinator"), method="filter_needs_coordinator"
    )
    centre = centre_filter(VIEW)

    class Meta:
        model = Initiative
        fields = ["state", "centre"]

    def filter_stalled(self, queryset, name, value):
        if value is None:
            return queryset
        cutoff = timezone.now() - STALLED_AFTER
        stalled = queryset.filter(state=Initiative.State.ACTIVE, last_activity_at__lt=cutoff)
        return stalled if value else queryset.exclude(pk__in=stalled.values("pk"))

    def filter_has_coordinator(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(has_coordinator=value)

    def filter_needs_coordinator(self, queryset, name, value):
        if value is None:
            return queryset
        needing = queryset.filter(NEEDS_COORDINATOR, has_coordinator=False)
        return needing if value else queryset.exclude(pk__in=needing.values("pk"))


def needs_coordinator(initiative) -> bool:
    """Listed with "Appoint a coordinator": at work, and nobody coordinates it."""
    return not initiative.has_coordinator and not state_refusal(initiative)


class InitiativeIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Initiatives")
    review_url_name = "mam_initiatives:review"

    def get_base_queryset(self):
        pending_first = Case(When(state=PENDING, then=Value(0)), default=Value(1))
        return (
            super()
            .get_base_queryset()
            .select_related("centre", "started_by")
            .annotate(has_coordinator=Exists(COORDINATORS.filter(initiative=OuterRef("pk"))))
            .order_by(pending_first, "-created_at")
        )

    def get_edit_url(self, instance):
        if self.request.user.has_perm(CHANGE):
            return reverse(self.review_url_name, args=[instance.pk])
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = self.edit_and_history_buttons(instance, _("Review"))
        if self.request.user.has_perm(CHANGE) and needs_coordinator(instance):
            url = reverse("mam_initiatives:coordinator", args=[instance.pk])
            buttons.insert(0, MenuItem(_("Appoint a coordinator"), url, icon_name="user"))
        return buttons

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "title",
                label=_("Initiative"),
                sort_key="title",
                get_url=lambda i: self.get_edit_url(i) or "",
            ),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda i: i.state == PENDING,
            ),
            Column(
                "has_coordinator",
                label=_("Coordinator"),
                accessor=lambda i: (
                    gettext("yes") if i.has_coordinator else gettext("no coordinator")
                ),
            ),
            Column("members_count", label=_("Members"), sort_key="members_count"),
            Column("supporters_count", label=_("Supporters"), sort_key="supporters_count"),
            Column("outcome", label=_("Outcome"), accessor="get_outcome_display"),
            DateColumn("last_activity_at", label=_("Last activity"), sort_key="last_activity_at"),
            DateColumn("created_at", label=_("Started"), sort_key="created_at"),
        ]


class InitiativeHistoryView(ScopedHistoryView):
    permission = VIEW


class ReviewForm(DecisionForm):
    approve_label = _("Publish: it keeps to the house rules")
    decision_required = _("Choose whether to publish or decline the initiative.")
    reason_help = _("Needed when you decline. The starter gets it by email.")
    reason_missing = _("Say why the initiative cannot be published.")


class InitiativeReviewView(DecisionView):
    """Publish a waiting initiative, or decline it with a reason the starter is emailed."""

    permission = CHANGE
    form_class = ReviewForm
    page_title = _("Review an initiative")
    header_icon = "tasks"
    index_url_name = "mam_initiatives:index"
    index_label = _("Initiatives")

    def prepare(self):
        initiatives = Initiative.objects.filter(centre__in=self.centres)
        self.initiative = get_object_or_404(
            initiatives.select_related("centre", "started_by"), pk=self.kwargs["pk"]
        )

    def perform(self, form):
        if self.initiative.state != PENDING:
            raise forms.ValidationError(gettext("This initiative has already been reviewed."))
        return super().perform(form)

    def approve(self):
        initiative = self.initiative
        starting.initiative_approve(initiative=initiative, organiser=self.request.user)
        return gettext("Published: “%(title)s” is public now.") % {"title": initiative.title}

    def decline(self, reason):
        starting.initiative_decline(
            initiative=self.initiative, organiser=self.request.user, reason=reason
        )
        return gettext("Declined. The starter gets the reason by email.")

    def get_summary(self):
        initiative = self.initiative
        summary = [
            (_("Initiative"), initiative.title),
            (_("The issue"), initiative.issue),
            (_("What we want to change"), initiative.goal),
            (_("Place"), initiative.place),
            (_("Centre"), initiative.centre.title),
            (_("Started by"), initiative.started_by.public_label),
            (_("Started"), date_format(localtime(initiative.created_at), "DATETIME_FORMAT")),
            (_("State"), initiative.get_state_display()),
        ]
        if initiative.review_reason:
            summary.append((_("Reason for declining"), initiative.review_reason))
        return summary


class InitiativeAdminViewSet(StaffListingViewSet):
    """Listing (waiting ones first), review and history; staff do not write initiatives."""

    model = Initiative
    generic_routes = ("history", "history_results")
    name = "mam_initiatives"
    url_prefix = "initiatives"
    icon = "group"
    menu_label = _("Initiatives")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = InitiativeIndexView
    history_view_class = InitiativeHistoryView
    filterset_class = InitiativeFilterSet
    list_export = ["title", "centre", "state", "members_count", "supporters_count", "outcome"]
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames = ("view_initiative", "change_initiative")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", InitiativeReviewView.as_view(), name="review"),
            path("<id:pk>/coordinator/", CoordinatorAppointView.as_view(), name="coordinator"),
        ]
