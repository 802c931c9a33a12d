"""Staff views over all the rooms of their centres: the week calendar, the schedule to print
and the yearly usage summary (hours and people per room and kind of user) with its CSV."""

from __future__ import annotations

import csv
import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.roles import staff_centres
from consultations.admin_views import AdminView
from home import spreadsheets
from home.models import CentrePage
from rooms import selectors, usage
from rooms.forms import ScheduleForm, week_start
from rooms.models import Booking, Room

VIEW_BOOKING = "rooms.view_booking"


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
            "weeks": selectors.centre_weeks(
                rooms, monday, rules, selectors.unbooked_dates(rooms, monday)
            ),
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
        rows = usage.yearly(self.rooms(), year)
        kinds = self.kinds()
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "rows": [
                (row, [(row.hours[k], row.came[k], row.expected[k]) for k, _l in kinds])
                for row in rows
            ],
            "kinds": [label for _k, label in kinds],
            "without_count": sum(row.without_count for row in rows),
        }

    def header(self) -> list[str]:
        header = [gettext("Centre"), gettext("Room")]
        for _kind, label in self.kinds():
            header += [
                gettext("Hours: %(kind)s") % {"kind": label},
                gettext("Came: %(kind)s") % {"kind": label},
                gettext("Expected, no count entered: %(kind)s") % {"kind": label},
            ]
        return header + [
            gettext("Hours in total"),
            gettext("Came in total"),
            gettext("Expected in total, no count entered"),
            gettext("People in total"),
            gettext("Bookings without a count"),
        ]

    def csv(self, year: int) -> HttpResponse:
        """The table as a CSV: who came (entered afterwards) and the expected number (asked
        for, or an activity's places) where nobody entered it, in separate columns."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sale-{year}.csv"'
        response.write(spreadsheets.BOM)
        writer = csv.writer(response, delimiter=spreadsheets.DELIMITER)
        writer.writerow(self.header())
        for row in usage.yearly(self.rooms(), year):
            cells = [row.room.centre.title, row.room.name]
            for kind, _label in self.kinds():
                hours = spreadsheets.decimal_text(round(row.hours[kind], 2))
                cells += [hours, row.came[kind], row.expected[kind]]
            cells += [
                spreadsheets.decimal_text(round(row.total_hours, 2)),
                row.total_came,
                row.total_expected,
                row.total_people,
                row.without_count,
            ]
            writer.writerow([spreadsheets.escape_formula(str(c)) for c in cells])
        return response
