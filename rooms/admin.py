"""Rooms in Wagtail's admin, scoped to the staff member's centres.

Rooms and each centre's booking rules are model listings (Wagtail's ModelViewSet) limited to
the centres where the user is staff (accounts.roles.staff_centres), as every staff listing
is; bookings have a queue (waiting first) with a decision screen, a week calendar of all
rooms and a yearly usage summary with a CSV download, all through rooms.services.
"""

from __future__ import annotations

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import DeleteView, EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from accounts.admin.common import (
    ActionFormView,
    DecisionView,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.roles import staff_centres
from config import cache_versions
from consultations.admin_views import AdminView
from consultations.participation import NotAllowed
from home import spreadsheets
from home.models import CentrePage
from rooms import selectors, services
from rooms.forms import BookingDecisionForm, DeskBookingForm, ScheduleForm, week_start
from rooms.models import Booking, BookingRules, Room

VIEW_ROOM, CHANGE_RULES = "rooms.view_room", "rooms.change_bookingrules"
VIEW_BOOKING, CHANGE_BOOKING = "rooms.view_booking", services.STAFF_PERMISSION
PENDING = Booking.State.PENDING


class CentreScopedModelForm(WagtailAdminModelForm):
    """Offers only the centres where the user may change the model."""

    permission = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "centre" in self.fields:
            self.fields["centre"].queryset = staff_centres(self.for_user, self.permission)


class RoomForm(CentreScopedModelForm):
    permission = "rooms.change_room"

    def save(self, commit=True):
        # The rooms list and each room's week (anonymous page copies) show the room's details.
        cache_versions.pages_changed(None, listings=True)
        return super().save(commit=commit)


class RulesForm(CentreScopedModelForm):
    permission = CHANGE_RULES

    def save(self, commit=True):
        # Opening hours shape the weeks the rooms' pages show.
        cache_versions.pages_changed(None, listings=True)
        return super().save(commit=commit)


def _scoped_views(permission: str):
    """Edit and delete views that find objects only within the user's centres."""

    class ScopedObjectMixin:
        def get_object(self, queryset=None):
            centres = staff_centres(self.request.user, permission)
            queryset = self.model._default_manager.filter(centre__in=centres)
            if getattr(self, "object", None):
                return self.object
            return get_object_or_404(queryset, pk=self.kwargs[self.pk_url_kwarg])

    class ScopedEditView(ScopedObjectMixin, EditView):
        pass

    class ScopedDeleteView(ScopedObjectMixin, DeleteView):
        pass

    return ScopedEditView, ScopedDeleteView


class RoomIndexView(ScopedIndexView):
    permission = VIEW_ROOM

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre")


RoomEditView, RoomDeleteView = _scoped_views("rooms.change_room")


class RoomAdminViewSet(ModelViewSet):
    model = Room
    name = "mam_rooms"
    url_prefix = "sale"
    icon = "home"
    menu_label = _("Rooms")
    add_to_admin_menu = True
    menu_order = 255
    index_view_class = RoomIndexView
    edit_view_class = RoomEditView
    delete_view_class = RoomDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["name", "centre", "capacity", "bookable"]
    list_filter = []
    edit_handler = ObjectList(Room.panels, base_form_class=RoomForm)


class RulesIndexView(ScopedIndexView):
    permission = CHANGE_RULES

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre")


RulesEditView, RulesDeleteView = _scoped_views(CHANGE_RULES)


class BookingRulesAdminViewSet(ModelViewSet):
    model = BookingRules
    name = "mam_booking_rules"
    url_prefix = "zasady-rezerwacji"
    icon = "time"
    menu_label = _("Opening hours and booking rules")
    add_to_admin_menu = True
    menu_order = 256
    index_view_class = RulesIndexView
    edit_view_class = RulesEditView
    delete_view_class = RulesDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    list_display = ["centre", "ahead_days", "longest_hours", "open_requests"]
    edit_handler = ObjectList(BookingRules.panels, base_form_class=RulesForm)


# --- Bookings: the queue, a decision, the calendar, the yearly usage -----------------------


class BookingIndexView(ScopedIndexView):
    permission = VIEW_BOOKING
    page_title = _("Room bookings")
    decide_url_name = "mam_room_bookings:decide"

    def get_base_queryset(self):
        pending_first = Case(When(state=PENDING, then=Value(0)), default=Value(1))
        return (
            super()
            .get_base_queryset()
            .filter(activity__isnull=True)
            .select_related("room", "centre", "requested_by")
            .order_by(pending_first, "starts_at")
        )

    def get_edit_url(self, instance):
        if instance.state == PENDING and self.request.user.has_perm(CHANGE_BOOKING):
            return reverse(self.decide_url_name, args=[instance.pk])
        return None

    def get_delete_url(self, instance):
        return None

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Calendar of the rooms"), reverse("mam_room_bookings:calendar"), icon_name="date"
            ),
            HeaderButton(_("Yearly usage"), reverse("mam_room_bookings:usage"), icon_name="table"),
            HeaderButton(
                _("Book for a caller"), reverse("mam_room_bookings:desk"), icon_name="plus"
            ),
            HeaderButton(
                _("Schedule to print"), reverse("mam_room_bookings:schedule"), icon_name="doc-full"
            ),
        ]

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title(
                "room",
                label=_("Room"),
                accessor="room.name",
                get_url=lambda i: self.get_edit_url(i) or "",
            ),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            DateColumn("starts_at", label=_("Starts"), sort_key="starts_at"),
            Column("hours", label=_("Hours")),
            Column("purpose", label=_("Purpose")),
            Column("people", label=_("Number of people")),
            Column("user_kind", label=_("Who uses it"), accessor="get_user_kind_display"),
            Column("requested_by", label=_("Asked by"), accessor="booker_label"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda i: i.state == PENDING,
            ),
        ]


class BookingDecisionView(DecisionView):
    """Confirm a waiting request, or decline it with a reason the requester is emailed."""

    permission = CHANGE_BOOKING
    form_class = BookingDecisionForm
    refusals = (NotAllowed,)
    page_title = _("Decide on a room request")
    header_icon = "tasks"
    index_url_name = "mam_room_bookings:index"
    index_label = _("Room bookings")

    def prepare(self):
        bookings = Booking.objects.filter(centre__in=self.centres, activity__isnull=True)
        self.booking = get_object_or_404(
            bookings.select_related("room", "centre", "requested_by"), pk=self.kwargs["pk"]
        )

    def approve(self):
        services.booking_confirm(booking=self.booking, by=self.request.user)
        return gettext("Confirmed. The person gets an email.")

    def decline(self, reason):
        services.booking_decline(booking=self.booking, by=self.request.user, reason=reason)
        return gettext("Declined. The person gets the reason by email.")

    def get_summary(self):
        b = self.booking
        local = selectors.local
        return [
            (_("Room"), b.room.name),
            (_("Centre"), b.centre.title),
            (_("When"), f"{local(b.starts_at):%Y-%m-%d %H:%M}–{local(b.ends_at):%H:%M}"),
            (_("Purpose"), b.purpose),
            (_("Number of people"), str(b.people)),
            (_("Who uses it"), b.get_user_kind_display()),
            (_("Asked by"), b.booker_label),
            (_("State"), b.get_state_display()),
        ]


class DeskBookingView(ActionFormView):
    """Book a room for a person without an account who asked at the desk or by phone,
    through the same service rules as a resident's request; confirmed now or left waiting."""

    permission = CHANGE_BOOKING
    form_class = DeskBookingForm
    page_title = _("Book a room for a caller")
    header_icon = "plus"
    submit_button_label = _("Book the room")
    index_url_name = "mam_room_bookings:index"
    index_label = _("Room bookings")

    def get_form_kwargs(self):
        rooms = (
            Room.objects.filter(centre__in=self.centres, bookable=True)
            .select_related("centre")
            .order_by("centre__title", "sort_order", "name")
        )
        return {**super().get_form_kwargs(), "rooms": rooms}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            booking = services.booking_for_caller(
                room=data["room"],
                by=self.request.user,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                organisation=data["organisation"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                purpose=data["purpose"],
                people=data["people"],
                confirm=data["confirm"],
            )
        except NotAllowed as refusal:
            form.add_refusal(refusal.code, refusal.message)
            return self.form_invalid(form)
        if booking.state == Booking.State.CONFIRMED:
            message = gettext("The room is booked for %(name)s.")
        else:
            message = gettext("The request of %(name)s is waiting in the queue.")
        messages.success(self.request, message % {"name": booking.caller_name})
        return redirect(self.get_success_url())


class ScheduleView(AdminView):
    """A day or a week of a centre's rooms (or of one room) with who booked them and why,
    laid out to print on A4 without the admin's navigation; chosen with a GET form."""

    template_name = "rooms/admin/schedule.html"
    page_title = _("Room schedule")
    http_method_names = ["get", "head", "options"]

    def prepare(self, **kwargs):
        if not self.request.user.has_perm(VIEW_BOOKING):
            raise PermissionDenied
        self.centres = list(staff_centres(self.request.user, VIEW_BOOKING).order_by("title"))
        self.rooms = list(
            Room.objects.filter(centre__in=self.centres)
            .select_related("centre")
            .order_by("centre__title", "sort_order", "name")
        )
        ids = [centre.pk for centre in self.centres]
        self.form = ScheduleForm(
            self.request.GET or None,
            centres=CentrePage.objects.filter(pk__in=ids).order_by("title"),
            rooms=Room.objects.filter(pk__in=[room.pk for room in self.rooms])
            .select_related("centre")
            .order_by("centre__title", "sort_order", "name"),
        )

    def get(self, request, *args, **kwargs):
        if request.GET and not self.form.is_valid():
            return self.render(status=400, form=self.form, schedules=[])
        data = self.form.cleaned_data if request.GET else {}
        today = selectors.local(timezone.now()).date()
        day = data.get("data") or today
        if data.get("zakres") == ScheduleForm.DAY:
            first, days = day, 1
        else:
            first, days = selectors.monday_of(day), 7
        room_list = self.chosen_rooms(data.get("centrum"), data.get("sala"))
        return self.render(
            form=self.form,
            first=first,
            last=first + datetime.timedelta(days=days - 1),
            centre=room_list[0].centre if room_list else None,
            schedules=selectors.schedule(room_list, first, days),
            index_url=reverse("mam_room_bookings:index"),
        )

    def chosen_rooms(self, centre, room) -> list[Room]:
        """The one room asked for, else every room of the centre asked for (or the first)."""
        if room is not None:
            return [r for r in self.rooms if r.pk == room.pk]
        centre_id = centre.pk if centre else (self.centres[0].pk if self.centres else None)
        return [r for r in self.rooms if r.centre_id == centre_id]


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    permission = VIEW_BOOKING

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def centres(self):
        return staff_centres(self.request.user, self.permission)

    def rooms(self) -> list[Room]:
        return list(
            Room.objects.filter(centre__in=self.centres)
            .select_related("centre")
            .order_by("centre__title", "sort_order", "name")
        )


class CalendarView(StaffView):
    """A week of all the rooms of the user's centres, waiting requests included."""

    template_name = "rooms/admin/calendar.html"
    page_title = _("Room calendar")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        today = selectors.local(timezone.now()).date()
        monday = week_start(self.request.GET.get("tydzien"), today)
        if monday is None:
            raise Http404
        rooms = self.rooms()
        centre_ids = {room.centre_id for room in rooms}
        rules = selectors.rules_of_centres(centre_ids)
        return {
            **super().get_context_data(**kwargs),
            "monday": monday,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "weeks": selectors.centre_weeks(rooms, monday, rules),
        }


class UsageView(StaffView):
    """Hours and people per room and kind of user in a year, as a table and a CSV."""

    template_name = "rooms/admin/usage.html"
    page_title = _("Room usage")
    header_icon = "table"

    def year(self) -> int:
        value = self.request.GET.get("rok", "")
        if not value:
            return selectors.local(timezone.now()).year
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            raise Http404
        year = int(value)
        if not 2000 <= year <= 2100:
            raise Http404
        return year

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv(self.year())
        return super().get(request, *args, **kwargs)

    def kinds(self):
        return Booking.UserKind.choices

    def get_context_data(self, **kwargs):
        year = self.year()
        rows = selectors.usage(self.rooms(), year)
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "rows": [
                (row, [(row.hours[k], row.people[k]) for k, _label in self.kinds()]) for row in rows
            ],
            "kinds": [label for _k, label in self.kinds()],
        }

    def csv(self, year: int) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sale-{year}.csv"'
        response.write(spreadsheets.BOM)
        writer = csv.writer(response, delimiter=spreadsheets.DELIMITER)
        header = [gettext("Centre"), gettext("Room")]
        for _kind, label in self.kinds():
            header += [
                gettext("Hours: %(kind)s") % {"kind": label},
                gettext("People: %(kind)s") % {"kind": label},
            ]
        writer.writerow([*header, gettext("Hours in total"), gettext("People in total")])
        for row in selectors.usage(self.rooms(), year):
            cells = [row.room.centre.title, row.room.name]
            for kind, _label in self.kinds():
                cells += [spreadsheets.decimal_text(round(row.hours[kind], 2)), row.people[kind]]
            cells += [spreadsheets.decimal_text(round(row.total_hours, 2)), row.total_people]
            writer.writerow([spreadsheets.escape_formula(str(c)) for c in cells])
        return response


class BookingAdminViewSet(StaffListingViewSet):
    """The queue of requests (waiting first), a decision, the calendar and the usage."""

    model = Booking
    name = "mam_room_bookings"
    url_prefix = "rezerwacje-sal"
    icon = "tasks"
    menu_label = _("Room bookings")
    menu_order = 257
    add_to_admin_menu = True
    index_view_class = BookingIndexView
    list_filter = []
    disabled_url_names = (
        "add_url_name",
        "edit_url_name",
        "delete_url_name",
        "usage_url_name",
        "history_url_name",
    )
    registered_codenames = ("view_booking", "change_booking")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", BookingDecisionView.as_view(), name="decide"),
            path("kalendarz/", CalendarView.as_view(), name="calendar"),
            path("dla-dzwoniacego/", DeskBookingView.as_view(), name="desk"),
            path("plan/", ScheduleView.as_view(), name="schedule"),
            path("wykorzystanie/", UsageView.as_view(), name="usage"),
        ]
