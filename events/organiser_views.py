"""The organiser's screens on the public site (`<activity>/organizator/…`), routed by the
activity page (events.models.pages): the activity's dates, one date's sign-ups with the count
of who came, and the attendance list to print.

For the people of the partner organisation that runs the activity, who have no access to
Wagtail's admin; the centre's staff may open them too. Who may is events.access's one rule.
They show only what the organiser needs: the names on the list, the places and the date's
note; never an email, an account or who entered a name.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from consultations.participation import NotAllowed
from events import access, signup_lists
from events.forms import AttendanceForm
from events.services import attendance_record, audit


def _refused(request, page):
    """A login page for the anonymous; not found for anyone who may not (nothing is told
    about another organisation's activity); None when the person may."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.list_activities(request.user).filter(pk=page.pk).exists():
        raise Http404
    return None


def _private(response):
    patch_cache_control(response, private=True, no_store=True)  # names: never a shared copy
    return response


def _day(page, text: str) -> datetime.date:
    day = signup_lists.planned_day(page, text)
    if day is None:
        raise Http404
    return day


def _urls(page, day: datetime.date) -> dict[str, str]:
    base = page.url
    return {
        "dates_url": base + page.reverse_subpage("organiser"),
        "date_url": base + page.reverse_subpage("organiser_date", args=[day.isoformat()]),
        "sheet_url": base + page.reverse_subpage("organiser_sheet", args=[day.isoformat()]),
    }


def organiser_dates(request, page):
    """The activity's dates of the last two weeks and the next month, with their numbers."""
    if (refusal := _refused(request, page)) is not None:
        return refusal
    now = timezone.now()
    rows = signup_lists.dates_with_attendance([page], now=now)
    response = page.render(
        request,
        template="events/organiser_dates.html",
        context_overrides={"rows": rows, "now": now},
    )
    return _private(response)


def organiser_date(request, page, day: str):
    """One date: who signed up (names only) and the form for how many came."""
    if (refusal := _refused(request, page)) is not None:
        return refusal
    planned = _day(page, day)
    form, status = None, 200
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        if form.is_valid():
            try:
                attendance_record(
                    activity=page,
                    day=planned,
                    attended=form.cleaned_data["attended"],
                    by=request.user,
                )
            except NotAllowed as error:
                form.add_error("attended", error.message)
            else:
                messages.success(request, _("The number of people who came is saved."))
                return redirect(_urls(page, planned)["date_url"])
        status = 400
    found = signup_lists.date_list(page, planned)
    if request.method != "POST":
        audit.signups_view_log(activity=page, day=planned, by=request.user, screen=audit.ORGANISER)
    if form is None:
        initial = {"attended": found.attendance.attended} if found.attendance else {}
        form = AttendanceForm(initial=initial)
    response = page.render(
        request,
        template="events/organiser_date.html",
        context_overrides={
            "found": found,
            "form": form,
            "attendance_open": found.has_begun(timezone.now()),
            **_urls(page, planned),
        },
    )
    response.status_code = status
    return _private(response)


def organiser_sheet(request, page, day: str):
    """The attendance list to print, the same sheet the staff print."""
    if (refusal := _refused(request, page)) is not None:
        return refusal
    planned = _day(page, day)
    found = signup_lists.date_list(page, planned)
    audit.sheet_print_log(activity=page, day=planned, by=request.user, screen=audit.ORGANISER)
    context = {**found.sheet_context(), "date_url": _urls(page, planned)["date_url"]}
    return _private(render(request, "events/attendance_sheet.html", context))
