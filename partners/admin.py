"""Partners in Wagtail's admin, scoped to the staff member's centres.

Partners are a model listing (Wagtail's ModelViewSet) limited to the centres where the user
is staff (accounts.roles.staff_centres), as rooms are; the changes organisations propose wait
in a queue with a decision screen that shows each changed field before and after.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.admin.common import (
    DecisionForm,
    DecisionView,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.roles import staff_centres
from config import cache_versions
from consultations.participation import NotAllowed
from partners import services
from partners.models import Partner, PartnerChange
from proposals.services.submission import photo_clean

VIEW_PARTNER, CHANGE_PARTNER = "partners.view_partner", "partners.change_partner"
VIEW_CHANGE, DECIDE_CHANGE = "partners.view_partnerchange", services.STAFF_PERMISSION
PENDING = PartnerChange.State.PENDING


class PartnerForm(WagtailAdminModelForm):
    """Offers only the user's centres; a logo goes through the photo checks (no metadata)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "centre" in self.fields:
            self.fields["centre"].queryset = staff_centres(self.for_user, CHANGE_PARTNER)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return photo_clean(logo)
        return logo

    def save(self, commit=True):
        # The directory and partner pages' anonymous copies show this entry.
        cache_versions.pages_changed(None, listings=True)
        return super().save(commit=commit)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("logo") and not (cleaned.get("logo_alt") or "").strip():
            self.add_error("logo_alt", _("Say in a few words what the logo shows."))
        return cleaned


class ScopedObjectMixin:
    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        centres = staff_centres(self.request.user, CHANGE_PARTNER)
        found = Partner.objects.filter(centre__in=centres)
        return get_object_or_404(found, pk=self.kwargs[self.pk_url_kwarg])


class PartnerEditView(ScopedObjectMixin, EditView):
    pass


class PartnerDeleteView(ScopedObjectMixin, DeleteView):
    pass


class PartnerIndexView(ScopedIndexView):
    permission = VIEW_PARTNER

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre")


class PartnerAdminViewSet(ModelViewSet):
    model = Partner
    name = "mam_partners"
    url_prefix = "partnerzy"
    icon = "group"
    menu_label = _("Partners")
    add_to_admin_menu = True
    menu_order = 258
    index_view_class = PartnerIndexView
    edit_view_class = PartnerEditView
    delete_view_class = PartnerDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["name", "centre", "kind", "listed"]
    list_filter = []
    edit_handler = ObjectList(Partner.panels, base_form_class=PartnerForm)


class ChangeIndexView(ScopedIndexView):
    permission = VIEW_CHANGE
    page_title = _("Partner changes")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("partner", "centre", "submitted_by")
            .order_by("-state", "-submitted_at")  # "pending" sorts after "declined"/"approved"
        )

    def get_edit_url(self, instance):
        if instance.state == PENDING and self.request.user.has_perm(DECIDE_CHANGE):
            return reverse("mam_partner_changes:decide", args=[instance.pk])
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "partner",
                label=_("Partner"),
                accessor="partner.name",
                get_url=lambda i: self.get_edit_url(i) or "",
            ),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            DateColumn("submitted_at", label=_("Proposed"), sort_key="submitted_at"),
            Column("submitted_by", label=_("Proposed by"), accessor="submitted_by.public_label"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda i: i.state == PENDING,
            ),
        ]


class ChangeDecisionForm(DecisionForm):
    approve_label = _("Approve: publish the changes")
    decision_required = _("Choose whether to approve or decline the changes.")
    reason_help = _("Needed when you decline. The organisation gets it by email.")
    reason_missing = _("Say why the change is declined.")


class ChangeDecisionView(DecisionView):
    """Approve a proposed change (it becomes public) or decline it with a reason."""

    permission = DECIDE_CHANGE
    form_class = ChangeDecisionForm
    refusals = (NotAllowed,)
    template_name = "partners/admin/decision.html"
    page_title = _("Changes to a partner's entry")
    header_icon = "group"
    index_url_name = "mam_partner_changes:index"
    index_label = _("Partner changes")

    def prepare(self):
        changes = PartnerChange.objects.filter(centre__in=self.centres, state=PENDING)
        self.change = get_object_or_404(
            changes.select_related("partner", "centre", "submitted_by"), pk=self.kwargs["pk"]
        )

    def approve(self):
        services.partner_change_approve(change=self.change, by=self.request.user)
        return gettext("Approved: the changes are public. The organisation gets an email.")

    def decline(self, reason):
        services.partner_change_decline(change=self.change, by=self.request.user, reason=reason)
        return gettext("Declined. The organisation gets the reason by email.")

    def get_summary(self):
        c = self.change
        return [
            (_("Partner"), c.partner.name),
            (_("Centre"), c.centre.title),
            (_("Proposed by"), c.submitted_by.public_label if c.submitted_by else ""),
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "differences": self.change.differences()}


class PartnerChangeAdminViewSet(StaffListingViewSet):
    """The queue of proposed changes (waiting first) and the decision screen."""

    model = PartnerChange
    name = "mam_partner_changes"
    url_prefix = "zmiany-partnerow"
    icon = "tasks"
    menu_label = _("Partner changes")
    menu_order = 259
    add_to_admin_menu = True
    index_view_class = ChangeIndexView
    list_filter = []
    disabled_url_names = (
        "add_url_name",
        "edit_url_name",
        "delete_url_name",
        "usage_url_name",
        "history_url_name",
    )
    registered_codenames = ("view_partnerchange", "change_partnerchange")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:pk>/", ChangeDecisionView.as_view(), name="decide"),
        ]
