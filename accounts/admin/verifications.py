"""Verified residents of the staff member's centres; verifying in person and revoking."""

from collections import OrderedDict

import django_filters
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn

from accounts.admin.common import (
    ActionFormView,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
    centre_filter,
)
from accounts.admin.forms import InPersonVerificationForm, ReasonForm
from accounts.models import Verification
from accounts.services import residency

VIEW = "accounts.view_verification"
ADD = "accounts.add_verification"
CHANGE = "accounts.change_verification"


def _status(verification):
    if verification.is_active:
        return gettext("active")
    return gettext("revoked")


class VerificationFilterSet(WagtailFilterSet):
    centre = centre_filter(VIEW)
    method = django_filters.ChoiceFilter(label=_("Method"), choices=Verification.Method.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("active", _("active")), ("revoked", _("revoked"))],
        method="filter_status",
    )

    class Meta:
        model = Verification
        fields = ["centre", "method"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(revoked_at__isnull=value == "active")


class VerificationIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Verified residents")
    add_item_label = _("Verify in person")
    # The export names no one beyond their public display name: no email, no real name.
    list_export = [
        "id",
        "centre",
        "resident_id",
        "resident",
        "method",
        "verified_at",
        "verified_by",
        "status",
        "revoked_at",
    ]
    export_headings = {
        "id": _("Verification"),
        "centre": _("Centre"),
        "resident_id": _("Account number"),
        "resident": _("Display name"),
        "method": _("Method"),
        "verified_at": _("Verified at"),
        "verified_by": _("Verified by"),
        "status": _("Status"),
        "revoked_at": _("Revoked at"),
    }
    export_filename = "verified-residents"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "centre", "verified_by")
            .order_by("-created_at")
        )

    def to_row_dict(self, item):
        return OrderedDict(
            id=item.pk,
            centre=item.centre.title,
            resident_id=item.user_id,
            resident=item.user.public_name,
            method=item.get_method_display(),
            verified_at=item.created_at,
            verified_by=item.verified_by.public_name if item.verified_by else "",
            status=_status(item),
            revoked_at=item.revoked_at,
        )

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if instance.is_active and self.request.user.has_perm(CHANGE):
            url = reverse("mam_verifications:revoke", args=[instance.pk])
            buttons.append(MenuItem(_("Revoke"), url, icon_name="cross", priority=10))
        buttons.append(self.history_button(instance))
        return buttons

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title("resident", label=_("Resident"), accessor="user.public_name"),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            Column("method", label=_("Method"), accessor="get_method_display", sort_key="method"),
            Column("verified_by", label=_("Verified by"), accessor="verified_by.public_name"),
            DateColumn("created_at", label=_("Verified"), sort_key="created_at"),
            StatusTagColumn(
                "status", label=_("Status"), accessor=_status, primary=lambda v: v.is_active
            ),
            DateColumn("revoked_at", label=_("Revoked"), sort_key="revoked_at"),
        ]


class VerificationHistoryView(ScopedHistoryView):
    permission = VIEW


class InPersonVerificationView(ActionFormView):
    """Staff saw the resident at the centre: find their account and verify them."""

    permission = ADD
    form_class = InPersonVerificationForm
    page_title = _("Verify a resident in person")
    header_icon = "user"
    submit_button_label = _("Verify this resident")
    index_url_name = "mam_verifications:index"
    index_label = _("Verified residents")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "centres": self.centres}

    def perform(self, form):
        user, centre = form.cleaned_data["user"], form.cleaned_data["centre"]
        names = {"name": user.public_name, "centre": centre.title}
        if Verification.objects.active().filter(user=user, centre=centre).exists():
            return gettext("%(name)s was already a verified resident of %(centre)s.") % names
        elsewhere = residency.verified_elsewhere(user=user, centre=centre).first()
        residency.verification_grant(
            user=user,
            centre=centre,
            method=Verification.Method.IN_PERSON,
            by=self.request.user,
            note=form.cleaned_data["note"].strip(),
        )
        message = gettext("%(name)s is now a verified resident of %(centre)s.") % names
        if elsewhere is not None:
            moved = gettext("Their verification in %(other)s has ended (one residence).")
            message += " " + moved % {"other": elsewhere.centre.title}
        return message


class RevokeVerificationView(ActionFormView):
    permission = CHANGE
    form_class = ReasonForm
    page_title = _("Revoke a verification")
    header_icon = "cross"
    submit_button_label = _("Revoke the verification")
    serious = True
    index_url_name = "mam_verifications:index"
    index_label = _("Verified residents")

    def prepare(self):
        verifications = Verification.objects.filter(centre__in=self.centres)
        self.verification = get_object_or_404(
            verifications.select_related("user", "centre", "verified_by"), pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        help_text = _("Kept in the history. The resident can no longer vote as a resident.")
        return {**super().get_form_kwargs(), "help_text": help_text}

    def perform(self, form):
        if not self.verification.is_active:
            raise ValidationError(_("This verification has already been revoked."))
        residency.verification_revoke(
            verification=self.verification, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return gettext("The verification of %(name)s is revoked.") % {
            "name": self.verification.user.public_name
        }

    def get_summary(self):
        verification = self.verification
        return [
            (_("Resident"), verification.user.public_name),
            (_("Centre"), verification.centre.title),
            (_("Method"), verification.get_method_display()),
            (_("Verified"), date_format(localtime(verification.created_at), "DATETIME_FORMAT")),
            (_("Status"), _status(verification)),
        ]


class VerificationViewSet(StaffListingViewSet):
    model = Verification
    name = "mam_verifications"
    url_prefix = "residents/verifications"
    icon = "tick-inverse"
    menu_label = _("Verified residents")
    index_view_class = VerificationIndexView
    history_view_class = VerificationHistoryView
    filterset_class = VerificationFilterSet
    search_fields = ["user__email", "user__display_name"]
    registered_codenames = ("view_verification", "add_verification", "change_verification")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = self.get_url_name("in_person")
        return view_kwargs

    generic_routes = ("history", "history_results")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("in-person/", InPersonVerificationView.as_view(), name="in_person"),
            path("<id:pk>/revoke/", RevokeVerificationView.as_view(), name="revoke"),
        ]

    def register_admin_url_finder(self):
        """No edit view: the listing and the history are the places to look."""
