"""Proposals in Wagtail's admin: officials see their own centres' proposals only, answer
them (status, forwarding, outside answers: proposals/admin_actions.py), export the listing and
record in-person supports.

Every change goes through proposals.services, like the public views."""

from collections import OrderedDict

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.widgets import HeaderButton

from accounts.admin.common import (
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.models import Report
from accounts.roles import staff_centres
from consultations.models import Category, ConsultationPage
from home.scope import pages_under
from proposals.admin_actions import (
    ChangeStatusView,
    ForwardView,
    InPersonSupportView,
    OutsideAnswerView,
)
from proposals.admin_bulk import BulkStatusView
from proposals.admin_desk import DeskSubmitView
from proposals.admin_scope import scoped_proposals
from proposals.models import Proposal
from proposals.services import status

VIEW = "proposals.view_proposal"
CHANGE = "proposals.change_proposal"


def _consultations(request):
    if request is None:
        return ConsultationPage.objects.none()
    centres = staff_centres(request.user, VIEW)
    return pages_under(ConsultationPage.objects.all(), centres).order_by("title")


def _categories(request):
    if request is None:
        return Category.objects.none()
    return (
        Category.objects.filter(consultation__in=_consultations(request))
        .select_related("consultation")
        .order_by("consultation__title", "sort_order", "pk")
    )


class CategoryChoiceField(forms.ModelChoiceField):
    """Several consultations have a "Zieleń": each choice says whose it is."""

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.consultation.title})"


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryChoiceField


class ProposalFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("Consultation"), queryset=_consultations
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Proposal.Status.choices)
    category = CategoryFilter(label=_("Category"), queryset=_categories)
    reported = django_filters.BooleanFilter(label=_("Has open reports"), method="filter_reported")

    class Meta:
        model = Proposal
        fields = ["consultation", "status", "category", "reported"]

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        open_reports = Report.objects.open().filter(
            content_type=ContentType.objects.get_for_model(Proposal), object_id=OuterRef("pk")
        )
        return queryset.filter(Exists(open_reports) if value else ~Exists(open_reports))


class ProposalIndexView(ScopedIndexView):
    permission = VIEW
    page_prefix = "consultation__"
    page_title = _("Proposals")
    search_backend_name = None  # plain database search over the fields below
    list_export = ["title", "status", "category", "supports", "comments", "created", "url"]
    export_headings = {
        "title": _("Title"),
        "status": _("Status"),
        "category": _("Category"),
        "supports": _("Supports"),
        "comments": _("Comments"),
        "created": _("Submitted"),
        "url": _("Address"),
    }
    export_filename = "proposals"

    @cached_property
    def header_buttons(self):
        buttons = []
        if staff_centres(self.request.user, "proposals.add_proposal").exists():
            url = reverse("mam_proposals:desk")
            label = _("Add a proposal brought to the centre")
            buttons.append(HeaderButton(label, url, icon_name="plus"))
        if self.request.user.has_perm(CHANGE):
            url = reverse("mam_proposals:bulk_status")
            label = _("Change status of several proposals")
            buttons.append(HeaderButton(label, url, icon_name="list-ul"))
        # In plain sight, not only in the header's "…" menu (which keeps CSV as well).
        buttons.append(HeaderButton(_("Download XLSX"), self.xlsx_export_url, icon_name="download"))
        for hook in hooks.get_hooks("mam_proposal_admin_header_buttons"):
            buttons.extend(hook(self.request))
        return buttons

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Columns an app above adds to the export on request (casework's internal notes, for
        # administrators only): (field, heading, values(proposal ids) -> {pk: text}).
        self.extra_export = []
        if request.GET.get("export"):
            for hook in hooks.get_hooks("mam_proposal_admin_export_columns"):
                self.extra_export.extend(hook(request))
        self.list_export = [*self.list_export, *(extra[0] for extra in self.extra_export)]
        self.export_headings = {
            **self.export_headings,
            **{field: heading for field, heading, _values in self.extra_export},
        }
        self.extra_values = None

    def write_xlsx_response(self, queryset):
        self.load_extra_values(queryset)
        return super().write_xlsx_response(queryset)

    def write_csv_response(self, queryset):
        self.load_extra_values(queryset)
        return super().write_csv_response(queryset)

    def load_extra_values(self, queryset):
        if self.extra_export:
            ids = queryset.values("pk")
            self.extra_values = {
                field: values(ids) for field, _heading, values in self.extra_export
            }

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        return queryset.select_related("consultation", "category").order_by("-created_at", "-pk")

    def to_row_dict(self, item):
        row = OrderedDict(
            title=item.title,
            status=item.get_status_display(),
            category=item.category.name if item.category else "",
            supports=item.supports_count,
            comments=item.comments_count,
            created=item.created_at,
            url=status.proposal_absolute_url(item),
        )
        for field, values in (self.extra_values or {}).items():
            row[field] = values.get(item.pk, "")
        return row

    def get_edit_url(self, instance):
        return reverse("mam_proposals:status", args=[instance.pk])

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if self.request.user.has_perm(CHANGE):
            for name, label, icon in [
                ("status", _("Change status"), "edit"),
                ("forward", _("Forward to an outside body"), "mail"),
                ("outside_answer", _("Record the outside answer"), "comment"),
                ("support", _("Record a support given in person"), "user"),
            ]:
                url = reverse(f"mam_proposals:{name}", args=[instance.pk])
                buttons.append(MenuItem(label, url, icon_name=icon, priority=10))
        for hook in hooks.get_hooks("mam_proposal_admin_buttons"):
            buttons.extend(hook(self.request, instance))
        buttons.append(self.history_button(instance))
        if not instance.is_hidden:
            live = instance.get_absolute_url(self.request)
            buttons.append(MenuItem(_("View live"), live, icon_name="link", priority=30))
        return buttons

    def title_url(self, instance):
        """The title opens what staff do next: the status form, or the history to readers."""
        if self.request.user.has_perm(CHANGE):
            return reverse("mam_proposals:status", args=[instance.pk])
        return reverse(self.history_url_name, args=[instance.pk])

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "title",
                label=_("Title"),
                sort_key="title",
                get_url=self.title_url,
                classname="mam-listing-title",
            ),
            Column("consultation", label=_("Consultation"), accessor="consultation.title"),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("category", label=_("Category"), accessor="category"),
            NumberColumn("supports_count", label=_("Supports"), sort_key="supports_count"),
            NumberColumn("comments_count", label=_("Comments"), sort_key="comments_count"),
            DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
        ]


class ProposalHistoryView(ScopedHistoryView):
    permission = VIEW

    def get_base_object_queryset(self):
        return scoped_proposals(self.request.user)


class ProposalAdminViewSet(StaffListingViewSet):
    """The scoped listing with its export, the history, and the officials' action screens."""

    model = Proposal
    name = "mam_proposals"
    icon = "pick"
    menu_label = _("Proposals")
    menu_order = 240
    add_to_admin_menu = True
    url_prefix = "proposals"
    index_view_class = ProposalIndexView
    history_view_class = ProposalHistoryView
    filterset_class = ProposalFilterSet
    search_fields = ["title", "body", "place"]
    inspect_view_enabled = False
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    # The permissions are registered in wagtail_hooks with the comment permissions.

    generic_routes = ("history", "history_results")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("desk/", DeskSubmitView.as_view(), name="desk"),
            path("bulk-status/", BulkStatusView.as_view(), name="bulk_status"),
            path("<id:pk>/status/", ChangeStatusView.as_view(), name="status"),
            path("<id:pk>/forward/", ForwardView.as_view(), name="forward"),
            path("<id:pk>/outside-answer/", OutsideAnswerView.as_view(), name="outside_answer"),
            path("<id:pk>/support/", InPersonSupportView.as_view(), name="support"),
        ]

    def register_admin_url_finder(self):
        """No edit view: the listing and the history are the places to look."""
