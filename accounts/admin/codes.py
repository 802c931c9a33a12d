"""Batches of one-time verification codes: the list, and creating a batch to print."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn

from accounts import codes
from accounts.admin.common import (
    ActionFormView,
    ScopedIndexView,
    StaffListingViewSet,
    centre_filter,
)
from accounts.admin.forms import CodeBatchForm
from accounts.models import VerificationCodeBatch
from accounts.services import residency
from home.links import absolute_url, site_url

VIEW = "accounts.view_verificationcodebatch"
ADD = "accounts.add_verificationcodebatch"


class CodeBatchFilterSet(WagtailFilterSet):
    centre = centre_filter(VIEW)

    class Meta:
        model = VerificationCodeBatch
        fields = ["centre"]


class CodeBatchIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Verification codes")
    add_item_label = _("Print new codes")
    list_export = ["centre.title", "created_at", "expires_at", "note", "code_count", "used_count"]
    export_headings = {
        "centre.title": _("Centre"),
        "created_at": _("Created at"),
        "expires_at": _("Valid until"),
        "note": _("Note"),
        "code_count": _("Codes"),
        "used_count": _("Used"),
    }
    export_filename = "verification-code-batches"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("centre", "created_by")
            .annotate(
                code_count=Count("codes"),
                used_count=Count("codes", filter=Q(codes__used_at__isnull=False)),
            )
            .order_by("-created_at")
        )

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def columns(self):
        return [
            TitleColumn("centre", label=_("Centre"), accessor="centre.title"),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
            Column("created_by", label=_("Created by"), accessor="created_by.public_name"),
            DateColumn("expires_at", label=_("Valid until"), sort_key="expires_at"),
            Column("note", label=_("Note")),
            NumberColumn("used_count", label=_("Used"), sort_key="used_count"),
            NumberColumn("code_count", label=_("Codes"), sort_key="code_count"),
        ]


class CodeBatchCreateView(ActionFormView):
    """Create a batch and answer with the printable sheet: the codes are never shown again."""

    permission = ADD
    form_class = CodeBatchForm
    page_title = _("Print new verification codes")
    header_icon = "key"
    submit_button_label = _("Create the codes and show the sheet")
    index_url_name = "mam_code_batches:index"
    index_label = _("Verification codes")
    sheet_template_name = "accounts/admin/code_sheet.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "centres": self.centres}

    def get_summary(self):
        return [
            (
                _("Before you start"),
                _(
                    "The codes are shown only once, on the next page. Have the printer ready; "
                    "the platform keeps only a fingerprint of each code and cannot show it again."
                ),
            )
        ]

    def form_valid(self, form):
        try:
            batch, plain = residency.code_batch_create(
                centre=form.cleaned_data["centre"],
                by=self.request.user,
                count=form.cleaned_data["count"],
                valid_days=form.cleaned_data["valid_days"],
                note=form.cleaned_data["note"].strip(),
            )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
            return self.form_invalid(form)
        response = TemplateResponse(
            self.request,
            self.sheet_template_name,
            {
                "batch": batch,
                "codes": [codes.for_display(code) for code in plain],
                "site_url": site_url(),
                # Printed on every slip: the page where the code is typed in.
                "code_url": absolute_url(
                    reverse("accounts:residency_code", args=[batch.centre.pk])
                ),
                "slip_language": settings.LANGUAGE_CODE,
            },
        )
        # The only copy of the codes: no cache, proxy or back button may keep it.
        response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        response["Pragma"] = "no-cache"
        response["Expires"] = "0"
        return response


class CodeBatchViewSet(StaffListingViewSet):
    model = VerificationCodeBatch
    name = "mam_code_batches"
    url_prefix = "residents/codes"
    icon = "key"
    menu_label = _("Verification codes")
    index_view_class = CodeBatchIndexView
    filterset_class = CodeBatchFilterSet

    disabled_url_names = ("edit_url_name", "delete_url_name", "usage_url_name", "history_url_name")
    registered_codenames = ("view_verificationcodebatch", "add_verificationcodebatch")

    generic_routes = ("add",)

    @property
    def add_view(self):
        """Wagtail's `new/` route, answered by our view: it returns the printable sheet."""
        return CodeBatchCreateView.as_view()

    def register_admin_url_finder(self):
        """No edit view for a batch: once printed it only counts its used codes."""
