"""Bookings in the admin: the queue of requests (waiting first), the centre's decision, a
booking for a caller at the desk, and the number of people who came, entered afterwards."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton

from accounts.admin.common import (
    ActionFormView,
    DecisionView,
    ScopedIndexView,
    StaffListingViewSet,
)
from consultations.participation import NotAllowed
from rooms import selectors, services
from rooms.admin.staff_views import CalendarView, ScheduleView, UsageView
from rooms.forms import BookingAttendanceForm, BookingDecisionForm, DeskBookingForm
from rooms.models import Booking, Room

VIEW_BOOKING, CHANGE_BOOKING = "rooms.view_booking", services.STAFF_PERMISSION
PENDING = Booking.State.PENDING


def _starts(booking: Booking) -> str:
    """When the booking starts, as a date (Wagtail's date column says "just now" for every
    booking still to come: it counts time since)."""
    return formats.date_format(selectors.local(booking.starts_at), "j E Y, H:i")


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
        """The decision for a waiting request; who came, for a confirmed one that began."""
        if not self.request.user.has_perm(CHANGE_BOOKING):
            return None
        if instance.state == PENDING:
            return reverse(self.decide_url_name, args=[instance.pk])
        if instance.state == Booking.State.CONFIRMED and instance.starts_at <= self.now:
            return reverse("mam_room_bookings:attendance", args=[instance.pk])
        return None

    @cached_property
    def now(self):
        return timezone.now()

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
            Column("starts_at", label=_("Starts"), sort_key="starts_at", accessor=_starts),
            Column("hours", label=_("Hours")),
            Column("purpose", label=_("Purpose")),
            Column("people", label=_("Number of people")),
            Column(
                "attended",
                label=_("People who came"),
                accessor=lambda i: "—" if i.attended is None else i.attended,
            ),
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


class BookingAttendanceView(ActionFormView):
    """Enter (or correct) how many people came to a confirmed booking, after it began: the
    yearly usage counts it instead of the number asked for. Action-logged."""

    permission = CHANGE_BOOKING
    form_class = BookingAttendanceForm
    page_title = _("How many people came")
    header_icon = "group"
    submit_button_label = _("Save the number")
    index_url_name = "mam_room_bookings:index"
    index_label = _("Room bookings")

    def prepare(self):
        bookings = Booking.objects.filter(
            centre__in=self.centres, activity__isnull=True, state=Booking.State.CONFIRMED
        )
        self.booking = get_object_or_404(
            bookings.select_related("room", "centre", "requested_by"), pk=self.kwargs["pk"]
        )

    def get_initial(self):
        return {"attended": self.booking.attended}

    def perform(self, form) -> str:
        try:
            services.booking_attendance_record(
                booking=self.booking, attended=form.cleaned_data["attended"], by=self.request.user
            )
        except NotAllowed as refusal:
            raise ValidationError(refusal.message) from refusal
        return gettext("The number of people who came is saved.")

    def get_summary(self):
        b, local = self.booking, selectors.local
        return [
            (_("Room"), b.room.name),
            (_("When"), f"{local(b.starts_at):%Y-%m-%d %H:%M}–{local(b.ends_at):%H:%M}"),
            (_("Purpose"), b.purpose),
            (_("Asked by"), b.booker_label),
            (_("Number of people asked for"), str(b.people)),
        ]


class BookingURLFinder(ModelAdminURLFinder):
    edit_url_name = "mam_room_bookings:decide"


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

    def register_admin_url_finder(self):
        """The action log links a booking to its decision screen (which shows a decided one)."""
        register_admin_url_finder(self.model, BookingURLFinder)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", BookingDecisionView.as_view(), name="decide"),
            path("<id:pk>/ile-osob/", BookingAttendanceView.as_view(), name="attendance"),
            path("kalendarz/", CalendarView.as_view(), name="calendar"),
            path("dla-dzwoniacego/", DeskBookingView.as_view(), name="desk"),
            path("plan/", ScheduleView.as_view(), name="schedule"),
            path("wykorzystanie/", UsageView.as_view(), name="usage"),
        ]
