"""The staff listings: scoped to the user's centres, with MAM's CSV and XLSX exports
(`ScopedIndexView`), the scoped history, and the viewset that offers our own action views
instead of Wagtail's edit/delete (`StaffListingViewSet`)."""

import csv
import datetime
from decimal import Decimal

import django_filters
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.admin_url_finder import NullAdminURLFinder, register_admin_url_finder
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import ButtonsColumnMixin, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.mixins import Echo
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.roles import staff_centres
from home import spreadsheets
from home.scope import rows_under


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

    def history_button(self, instance) -> MenuItem:
        """The row's "History" item: Wagtail's history of the object, within the centres."""
        url = reverse(self.history_url_name, args=[instance.pk])
        return MenuItem(_("History"), url, icon_name="history", priority=20)

    def edit_and_history_buttons(self, instance, label) -> list[MenuItem]:
        """The row's "…" menu of a listing with one action screen (`get_edit_url`, when the
        user may act) and the history."""
        buttons = []
        if url := self.get_edit_url(instance):
            buttons.append(MenuItem(label, url, icon_name="tasks", priority=10))
        return [*buttons, self.history_button(instance)]

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

    def register_admin_url_finder(self):
        """The action log's links (the admin's site history) go to Wagtail's edit view only
        where one is routed; without one, no link instead of a URL that cannot be reversed
        (the report failed). A listing may register a finder for its own screen."""
        if "edit" in self.generic_routes:
            return super().register_admin_url_finder()
        register_admin_url_finder(self.model, NullAdminURLFinder)

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


class YesNoFilterAdapter(BaseFilterAdapter):
    """A yes/no filter in force reads "Has a coordinator: no", not Python's "False" (Wagtail
    has no adapter of its own for django-filter's BooleanFilter)."""

    def get_active_filters(self):
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            gettext("yes") if self.value else gettext("no"),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(django_filters.BooleanFilter, adapter_class=YesNoFilterAdapter)
