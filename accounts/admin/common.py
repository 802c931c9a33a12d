"""What every staff view shares: the permission check, the centre scope, action forms."""

import csv
import datetime
from decimal import Decimal

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.tables import ButtonsColumnMixin, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.mixins import Echo
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.roles import staff_centres
from home import spreadsheets
from home.models import CentrePage
from home.scope import rows_under

OFFICIALS_PERMISSION = "proposals.change_proposal"


class OfficialsPolicy(BasePermissionPolicy):
    """Every action needs the officials' right on proposals; which centre is decided by each
    view's scope."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(OFFICIALS_PERMISSION))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)


class CentreScopedMixin:
    """Refuse users without `permission`; `centres` are the centres they hold it for.

    A missing permission is refused (Wagtail shows "permission denied"); an object of a
    centre outside `centres` is not found, so its existence is not revealed either.
    """

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.prepare()
        return super().dispatch(request, *args, **kwargs)

    def prepare(self):
        """Load what the view acts on, raising Http404 outside the user's centres."""

    @cached_property
    def centres(self):
        return staff_centres(self.request.user, self.permission)


def centre_filter(permission: str):
    """A centre filter offering only the centres where the user holds `permission`."""

    def centres(request):
        if request is None:
            return CentrePage.objects.none()
        return staff_centres(request.user, permission).order_by("title")

    return django_filters.ModelChoiceFilter(label=_("Centre"), queryset=centres)


class ConfirmForm(forms.Form):
    """An action that needs no input beyond the staff member's confirmation."""


class ActionFormView(CentreScopedMixin, WagtailAdminTemplateMixin, FormView):
    """GET shows what will happen and a form; POST validates and calls the service."""

    template_name = "accounts/admin/action_form.html"
    form_class = ConfirmForm
    header_icon = ""
    submit_button_label = _("Confirm")
    serious = False  # style the button as a warning (hide, block, revoke)
    index_url_name = ""
    index_label = ""

    def perform(self, form) -> str:
        """Call the service; return the message shown after success."""
        raise NotImplementedError

    def get_summary(self) -> list[tuple[str, str]]:
        """Label and value pairs describing what the action applies to."""
        return []

    def get_success_url(self):
        return reverse(self.index_url_name)

    def get_cancel_url(self):
        return self.get_success_url()

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, _("Nothing was changed: correct the errors below."))
        return super().form_invalid(form)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.index_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            serious=self.serious,
            cancel_url=self.get_cancel_url(),
            summary=self.get_summary(),
        )
        return context


class DecisionForm(forms.Form):
    """Approve or decline; declining needs a reason, which the person concerned reads.

    Subclasses give the two choices' values (`APPROVE`, `DECLINE`, as posted) and the words
    around them; `approved` tells which one was chosen.
    """

    APPROVE = "approve"
    DECLINE = "decline"
    approve_label = _("Approve")
    decline_label = _("Decline")
    decision_required = _("Choose whether to approve or decline.")
    reason_label = _("Reason for declining")
    reason_help = _("Needed when you decline.")
    reason_missing = _("Say why it is declined.")

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision, reason = self.fields["decision"], self.fields["reason"]
        decision.choices = [(self.APPROVE, self.approve_label), (self.DECLINE, self.decline_label)]
        decision.error_messages["required"] = self.decision_required
        reason.label, reason.help_text = self.reason_label, self.reason_help

    @property
    def approved(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.DECLINE and not cleaned.get("reason", "").strip():
            self.add_error("reason", self.reason_missing)
        return cleaned


class DecisionView(ActionFormView):
    """Approve or decline what `prepare()` loaded, through `approve()` or `decline(reason)`.

    Both call the service and return the message shown after success. A service's
    `ValidationError`, and the exceptions named in `refusals` (a service's `NotAllowed`), are
    shown above the form and nothing changes.
    """

    form_class = DecisionForm
    submit_button_label = _("Save the decision")
    refusals: tuple[type[Exception], ...] = ()

    def approve(self) -> str:
        raise NotImplementedError

    def decline(self, reason: str) -> str:
        raise NotImplementedError

    def perform(self, form) -> str:
        try:
            if form.approved:
                return self.approve()
            return self.decline(form.cleaned_data["reason"])
        except self.refusals as refusal:
            raise ValidationError(getattr(refusal, "message", str(refusal))) from refusal


class ButtonsTitleColumn(ButtonsColumnMixin, TitleColumn):
    """A title column that carries the row's "…" menu, as the title of Wagtail's listings does."""

    def __init__(self, name, *, get_buttons, **kwargs):
        super().__init__(name, **kwargs)
        self.get_row_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self.get_row_buttons(instance)


class ScopedIndexView(IndexView):
    """A model listing limited to the centres where the user holds `permission`.

    Its downloads (`?export=csv`, `?export=xlsx`, Wagtail's SpreadsheetExportMixin) speak the
    dialect of the consultation exports (home.spreadsheets): a CSV with a BOM, semicolons and
    decimal commas, and Warsaw times to the second in both formats. Wagtail lets a view set
    this through `custom_value_preprocess` (per value type and format) and `stream_csv`.
    """

    permission = ""
    # Rows without a `centre` reach it through a page: the lookup to that page, ending in "__"
    # ("consultation__" for proposals), as home.scope.rows_under takes it.
    page_prefix = ""
    any_permission_required = ["view"]
    history_url_name = None
    custom_value_preprocess = {
        **IndexView.custom_value_preprocess,
        datetime.datetime: {
            IndexView.FORMAT_XLSX: spreadsheets.local_naive,
            IndexView.FORMAT_CSV: spreadsheets.datetime_text,
        },
        (Decimal, float): {IndexView.FORMAT_CSV: spreadsheets.decimal_text},
    }

    @cached_property
    def centres(self):
        return staff_centres(self.request.user, self.permission)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.page_prefix:
            return queryset.filter(rows_under(self.centres, self.page_prefix))
        return queryset.filter(centre__in=self.centres)

    def title_column(self, name: str, **kwargs) -> ButtonsTitleColumn:
        """The listing's title column, with each row's buttons (`get_list_buttons`)."""
        return ButtonsTitleColumn(name, get_buttons=self.get_list_buttons, **kwargs)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # A CSV cell starting with "=" is a formula to a spreadsheet: never run what users
        # typed. (Wagtail already stores such XLSX cells as text.)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            value = spreadsheets.escape_formula(value)
        return value

    def stream_csv(self, queryset):
        """Wagtail's CSV, in MAM's dialect: a BOM, then semicolon-separated lines."""
        writer = csv.DictWriter(
            Echo(), fieldnames=self.list_export, delimiter=spreadsheets.DELIMITER
        )
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield spreadsheets.BOM.encode() + writer.writerow(headings)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class ScopedHistoryView(HistoryView):
    """Wagtail's history of one object, found only within the user's centres."""

    permission = ""
    any_permission_required = ["view", "add", "change"]
    header_buttons = []

    def setup(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):  # refuse before looking anything up
            raise PermissionDenied
        super().setup(request, *args, **kwargs)

    def get_base_object_queryset(self):
        centres = staff_centres(self.request.user, self.permission)
        return super().get_base_object_queryset().filter(centre__in=centres)


class StaffViewSet(ViewSet):
    """A group of custom staff views whose menu item shows only to holders of `permission`."""

    permission = ""

    @cached_property
    def menu_item_class(self):
        permission = self.permission

        def is_shown(item, request):
            return request.user.has_perm(permission)

        return type(f"{type(self).__name__}MenuItem", (AdminMenuItem,), {"is_shown": is_shown})


def not_offered(request, *args, **kwargs):
    """Stands for a generic Wagtail view a staff listing does not offer (never routed)."""
    raise Http404


# Wagtail's generic routes of a ModelViewSet that a staff listing offers only when it says so.
GENERIC_ROUTES = frozenset({"add", "edit", "delete", "history", "history_results", "usage"})


class StaffListingViewSet(ModelViewSet):
    """A scoped listing with our own action views instead of Wagtail's edit/delete/copy.

    Subclasses extend `get_urlpatterns()` with `super()` and their action views. Of Wagtail's
    generic routes (`GENERIC_ROUTES`) only those named in `generic_routes` are registered (a
    subclass may give the route its own view by overriding e.g. `add_view`); the links to the
    others are hidden through `disabled_url_names`. Copy, inspect and reorder are off through
    Wagtail's own attributes. `registered_codenames` are the permissions shown in the group
    editor.
    """

    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    sort_order_field = None
    pk_path_converter = "id"  # ids are parsed in one place (home/ids.py)
    add_to_reference_index = False
    generic_routes: tuple[str, ...] = ()
    disabled_url_names = ("edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames: tuple[str, ...] = ()

    def get_urlpatterns(self):
        """Wagtail's routes (the index and its results), less the generic views not offered."""
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in GENERIC_ROUTES or pattern.name in self.generic_routes
        ]

    # Wagtail's get_urlpatterns() builds every generic view before we drop the routes not
    # offered; those are never routed, and are not built (a listing has no model form).
    def _generic(self, route: str, view):
        return view.fget(self) if route in self.generic_routes else not_offered

    add_view = property(lambda self: self._generic("add", ModelViewSet.add_view))
    edit_view = property(lambda self: self._generic("edit", ModelViewSet.edit_view))
    delete_view = property(lambda self: self._generic("delete", ModelViewSet.delete_view))
    usage_view = property(lambda self: self._generic("usage", ModelViewSet.usage_view))

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in self.disabled_url_names:
            view_kwargs[name] = None
        return view_kwargs

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type__app_label=self.model._meta.app_label,
            codename__in=self.registered_codenames,
        )
