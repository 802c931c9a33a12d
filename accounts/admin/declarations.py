"""Residency declarations: staff list their centres' declarations and accept or reject them."""

import django_filters
from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn

from accounts.admin.common import (
    DecisionView,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
    centre_filter,
)
from accounts.admin.forms import DeclarationReviewForm
from accounts.models import ResidencyDeclaration
from accounts.services import residency

VIEW = "accounts.view_residencydeclaration"
CHANGE = "accounts.change_residencydeclaration"
PENDING = ResidencyDeclaration.State.PENDING


def with_duplicate_counts(declarations):
    """Annotate `duplicate_count`: other accounts declaring the same person at the same address."""
    others = (
        ResidencyDeclaration.objects.filter(
            centre_id=OuterRef("centre_id"), identity_key=OuterRef("identity_key")
        )
        .exclude(user_id=OuterRef("user_id"))
        .exclude(state=ResidencyDeclaration.State.REJECTED)
        .order_by()
        .values("centre_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return declarations.annotate(duplicate_count=Coalesce(Subquery(others), 0))


class DeclarationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ResidencyDeclaration.State.choices
    )
    centre = centre_filter(VIEW)

    class Meta:
        model = ResidencyDeclaration
        fields = ["state", "centre"]


class DuplicateFlagColumn(Column):
    cell_template_name = "accounts/admin/cells/duplicate_flag.html"

    def __init__(self, name, get_url, **kwargs):
        super().__init__(name, **kwargs)
        self.get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self.get_url(instance)
        return context


class DeclarationIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Residency declarations")
    review_url_name = "mam_declarations:review"

    def get_base_queryset(self):
        pending_first = Case(When(state=PENDING, then=Value(0)), default=Value(1))
        declarations = super().get_base_queryset().select_related("user", "centre")
        return with_duplicate_counts(declarations).order_by(pending_first, "-created_at")

    def get_edit_url(self, instance):
        if self.request.user.has_perm(CHANGE):
            return reverse(self.review_url_name, args=[instance.pk])

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        return self.edit_and_history_buttons(instance, _("Review"))

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "name",
                label=_("Name"),
                accessor=lambda d: f"{d.first_name} {d.last_name}",
                sort_key="last_name",
                get_url=lambda d: self.get_edit_url(d) or "",
            ),
            Column("street_address", label=_("Street address")),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            Column("account", label=_("Account"), accessor="user.public_name"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda d: d.state == PENDING,
            ),
            DuplicateFlagColumn(
                "duplicate_count",
                label=_("Possible duplicate"),
                get_url=lambda d: f"{reverse(self.review_url_name, args=[d.pk])}#duplicates",
            ),
            DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
        ]


class DeclarationHistoryView(ScopedHistoryView):
    permission = VIEW


class DeclarationReviewView(DecisionView):
    """Accept a declaration (the resident becomes verified) or reject it with a reason."""

    permission = CHANGE
    form_class = DeclarationReviewForm
    template_name = "accounts/admin/declaration_review.html"
    page_title = _("Review a residency declaration")
    header_icon = "tasks"
    index_url_name = "mam_declarations:index"
    index_label = _("Residency declarations")

    def prepare(self):
        declarations = ResidencyDeclaration.objects.filter(centre__in=self.centres)
        self.declaration = get_object_or_404(
            declarations.select_related("user", "centre", "reviewed_by"), pk=self.kwargs["pk"]
        )

    def approve(self):
        declaration = self.declaration
        residency.declaration_accept(declaration=declaration, reviewer=self.request.user)
        return gettext("Accepted: %(name)s is a verified resident of %(centre)s.") % {
            "name": declaration.first_name,
            "centre": declaration.centre.title,
        }

    def decline(self, reason):
        residency.declaration_reject(
            declaration=self.declaration, reviewer=self.request.user, reason=reason
        )
        return gettext("Rejected. The reason is saved with the declaration.")

    def get_summary(self):
        declaration = self.declaration
        summary = [
            (_("Name"), f"{declaration.first_name} {declaration.last_name}"),
            (_("Street address"), declaration.street_address),
            (_("Centre"), declaration.centre.title),
            (_("Account"), f"{declaration.user.public_name} ({declaration.user.email})"),
            (_("Submitted"), date_format(localtime(declaration.created_at), "DATETIME_FORMAT")),
            (_("State"), declaration.get_state_display()),
        ]
        if declaration.reviewed_at:
            reviewer = declaration.reviewed_by.public_name if declaration.reviewed_by else ""
            when = date_format(localtime(declaration.reviewed_at), "DATETIME_FORMAT")
            summary.append((_("Reviewed"), f"{when}, {reviewer}"))
        if declaration.review_reason:
            summary.append((_("Reason"), declaration.review_reason))
        return summary

    def get_context_data(self, **kwargs):
        duplicates = self.declaration.possible_duplicates().select_related("user", "centre")
        return super().get_context_data(
            declaration=self.declaration,
            is_pending=self.declaration.state == PENDING,
            duplicates=duplicates,
            verified_elsewhere=residency.verified_elsewhere(
                user=self.declaration.user, centre=self.declaration.centre
            ).first(),
            history_url=reverse("mam_declarations:history", args=[self.declaration.pk]),
            **kwargs,
        )


class DeclarationURLFinder(ModelAdminURLFinder):
    edit_url_name = "mam_declarations:review"


class DeclarationViewSet(StaffListingViewSet):
    """Listing, review and history; staff never add or delete residents' declarations."""

    model = ResidencyDeclaration
    name = "mam_declarations"
    url_prefix = "residents/declarations"
    icon = "form"
    menu_label = _("Residency declarations")
    index_view_class = DeclarationIndexView
    history_view_class = DeclarationHistoryView
    filterset_class = DeclarationFilterSet
    search_fields = ["first_name", "last_name", "street_address", "user__email"]

    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames = ("view_residencydeclaration", "change_residencydeclaration")

    generic_routes = ("history", "history_results")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:pk>/", DeclarationReviewView.as_view(), name="review"),
        ]

    def register_admin_url_finder(self):
        register_admin_url_finder(self.model, DeclarationURLFinder)
