"""Staff screens for activities: dates with their numbers, one date's sign-ups (desk sign-up,
cancelling, how many came) and the printable attendance list.

Staff see the activities whose pages they may edit: Wagtail's page permissions, which give a
centre's staff their centre's subtree, so Chrzanów's staff never see Nowy Sącz's lists.
"""

from __future__ import annotations

import csv
import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations.participation import NotAllowed
from events import recurrence, report, room_clashes, selectors, services, signup_lists
from events.access import editable_activities, may_manage
from events.admin_waiting import UNBOOKED_PARAMETER
from events.forms import AttendanceForm, DeskSignUpForm
from events.models import ActivityPage, SignUp, with_date_changes
from events.services import audit
from home import spreadsheets
from home.ids import parse_id


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    below_index = True  # a screen reached from the dates list ("Activity sign-ups")

    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        """Home › Activity sign-ups › this screen: Wagtail's header shows the path, so the
        last item names the screen (without it the header said only "Home")."""
        index = {"url": reverse("activity_signups:index"), "label": _("Activity sign-ups")}
        here = {"url": "", "label": self.get_page_title()}
        return [*self.breadcrumbs_items, *([index] if self.below_index else []), here]


class DatesView(StaffView):
    """Dates of the last two weeks and the next month, with sign-ups and attendance; with
    `?bez_sali=1`, only the dates of the coming year left without their room (a clash)."""

    template_name = "events/admin/dates.html"
    page_title = gettext_lazy("Activity sign-ups")
    header_icon = "date"
    below_index = False

    def get_context_data(self, **kwargs):
        now = timezone.now()
        pages = editable_activities(self.request.user)
        if self.request.GET.get(UNBOOKED_PARAMETER):
            left_out = room_clashes.unbooked_ahead(pages, now=now)
            rows = [(entry, None) for entry in selectors.entries(left_out)]
        else:
            live = pages.live().prefetch_related(with_date_changes())
            rows = signup_lists.dates_with_attendance(live, now=now)
            left_out = room_clashes.unbooked([entry.occurrence for entry, _n in rows], now=now)
        keys = {(o.activity.pk, o.key) for o in left_out}
        return {
            **super().get_context_data(**kwargs),
            "rows": [(e, n, (e.activity.pk, e.occurrence.key) in keys) for e, n in rows],
            "now": now,
            "unbooked_only": bool(self.request.GET.get(UNBOOKED_PARAMETER)),
            "unbooked_url": f"{reverse('activity_signups:index')}?{UNBOOKED_PARAMETER}=1",
        }


class DateView(StaffView):
    """One date: who signed up, the desk sign-up, cancelling, and how many came."""

    template_name = "events/admin/date.html"
    header_icon = "date"
    log_view = staticmethod(audit.signups_view_log)  # who opened whose names (GDPR)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.activity_id = kwargs["activity_id"]
        self.day_text = kwargs["day"]

    @cached_property
    def activity(self) -> ActivityPage:
        found = (
            editable_activities(self.request.user)
            .prefetch_related(with_date_changes())
            .filter(pk=self.activity_id)
            .first()
        )
        if found is None:
            raise Http404
        return found

    @cached_property
    def day(self) -> datetime.date:
        day = signup_lists.planned_day(self.activity, self.day_text)
        if day is None:
            raise Http404
        return day

    @property
    def url_args(self):
        return [self.activity.pk, self.day.isoformat()]

    def get_page_title(self):
        return f"{self.activity.title}: {formats.date_format(self.day)}"

    def get_context_data(self, **kwargs):
        found = signup_lists.date_list(self.activity, self.day)
        attendance = found.attendance
        initial = {"attended": attendance.attended} if attendance else {}
        return {
            **super().get_context_data(**kwargs),
            **found.sheet_context(),
            "day": self.day,
            "room_clashes": room_clashes.room_clashes(self.activity, day=self.day),
            "signups": found.signups,
            "desk_form": kwargs.get("desk_form") or DeskSignUpForm(),
            "attendance_form": kwargs.get("attendance_form") or AttendanceForm(initial=initial),
            "attendance": attendance,
            "attendance_open": found.has_begun(timezone.now()),
            "index_url": reverse("activity_signups:index"),
            "sheet_url": reverse("activity_signups:sheet", args=self.url_args),
            "date_url": reverse("activity_signups:date", args=self.url_args),
        }

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        self.log_view(activity=self.activity, day=self.day, by=request.user, screen=audit.ADMIN)
        return response

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        handlers = {"desk": self.desk, "attendance": self.record, "cancel": self.cancel}
        if action not in handlers:
            raise Http404
        return handlers[action]()

    def _back(self):
        return redirect(reverse("activity_signups:date", args=self.url_args))

    def desk(self):
        form = DeskSignUpForm(self.request.POST)
        if form.is_valid():
            try:
                signup = services.signup_join(
                    activity=self.activity,
                    day=self.day,
                    name=form.cleaned_data["name"],
                    entered_by=self.request.user,
                )
            except NotAllowed as error:
                form.add_error("name", error.message)
            else:
                if signup.state == SignUp.State.CONFIRMED:
                    messages.success(self.request, _("Signed up: %s.") % signup.shown_name)
                else:
                    messages.warning(
                        self.request, _("On the waiting list: %s.") % signup.shown_name
                    )
                return self._back()
        return self.render_to_response(self.get_context_data(desk_form=form), status=400)

    def record(self):
        form = AttendanceForm(self.request.POST)
        if form.is_valid():
            try:
                services.attendance_record(
                    activity=self.activity,
                    day=self.day,
                    attended=form.cleaned_data["attended"],
                    by=self.request.user,
                )
            except NotAllowed as error:
                form.add_error("attended", error.message)
            else:
                messages.success(self.request, _("The number of people who came is saved."))
                return self._back()
        return self.render_to_response(self.get_context_data(attendance_form=form), status=400)

    def cancel(self):
        pk = parse_id(self.request.POST.get("signup"))
        signup = SignUp.objects.of_date(self.activity, self.day).filter(pk=pk).first()
        if pk is None or signup is None:
            raise Http404
        moved = services.signup_cancel(signup=signup)
        messages.success(self.request, _("Cancelled: %s.") % signup.shown_name)
        if moved is not None:
            messages.info(self.request, _("Moved up from the waiting list: %s.") % moved.shown_name)
        return self._back()


class SheetView(DateView):
    """The attendance list to print: confirmed people, numbered, with a column to tick."""

    template_name = "events/attendance_sheet.html"
    log_view = staticmethod(audit.sheet_print_log)

    def post(self, request, *args, **kwargs):
        raise Http404


class ReportView(StaffView):
    """The yearly attendance summary of the user's centres, as tables and a CSV."""

    template_name = "events/admin/report.html"
    page_title = gettext_lazy("Yearly attendance")
    header_icon = "table"

    def year(self) -> int:
        value = self.request.GET.get("rok", "")
        if not value:
            return recurrence.local(timezone.now()).year
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            raise Http404
        if not 2000 <= int(value) <= 2100:
            raise Http404
        return int(value)

    def reports(self, year: int):
        return report.yearly(editable_activities(self.request.user), year)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv(self.year())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        year = self.year()
        return {**super().get_context_data(**kwargs), "year": year, "reports": self.reports(year)}

    def csv(self, year: int) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="wydarzenia-{year}.csv"'
        response.write(spreadsheets.BOM)
        writer = csv.writer(response, delimiter=spreadsheets.DELIMITER)
        writer.writerow(
            [
                _("Centre"),
                _("Activity"),
                _("Date"),
                _("Kind"),
                _("Organiser"),
                _("Signed up"),
                _("Came"),
            ]
        )
        for found in self.reports(year):
            for row in found.rows:
                cells = [
                    found.centre.title,
                    row.activity.title,
                    f"{recurrence.local(row.starts_at):%Y-%m-%d %H:%M}",
                    row.kind,
                    row.organiser,
                    row.signed_up,
                    "" if row.attended is None else row.attended,
                ]
                writer.writerow([spreadsheets.escape_formula(str(c)) for c in cells])
        return response
