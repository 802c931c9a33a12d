"""The activity pages' views, called from the pages' routes (events.models.pages)."""

from __future__ import annotations

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from consultations.participation import NotAllowed
from events import access, detail_page, ical, recurrence, selectors, services
from events.forms import FilterForm
from events.models import SignUp
from events.organiser_views import (  # noqa: F401 - routed by the activity page
    organiser_date,
    organiser_dates,
    organiser_sheet,
)
from partners.models import Partner
from partners.services import partner_url
from rooms.models import RoomIndexPage

ICAL_TYPE = "text/calendar; charset=utf-8"


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise Http404 from error


def _centre(page):
    return page.get_parent().specific if page.depth > 2 else None


def index_upcoming(request, index):
    """The dates to come. The list is the same for everyone (the template keeps it in a
    shared part): it is read only when the part is rendered, not when read from the cache."""
    form = FilterForm(request.GET or None)
    filters = form.values() if form.is_bound else {"kind": "", "audience": "", "day": None}

    def upcoming() -> list:
        entries = selectors.upcoming(index, **filters)
        selectors.lapse_when_one_starts_or_ends(request, entries)  # the list changes then
        return entries

    today = recurrence.local(timezone.now()).date()
    return index.render(
        request,
        context_overrides={
            "form": form,
            "entries": SimpleLazyObject(upcoming),
            "today": today,
            "filtered": any(filters.values()),
        },
    )


def index_archive(request, index):
    return index.render(
        request,
        template="events/activity_archive.html",
        context_overrides={"entries": selectors.archive(index)},
    )


def index_month(request, index, year: int, month: int):
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    shown = selectors.month(index, year=year, month_number=month)
    return index.render(
        request,
        template="events/activity_month.html",
        context_overrides={"month": shown, "today": recurrence.local(timezone.now()).date()},
    )


def _ical_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ICAL_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def index_ical(request, index):
    centre = index.get_parent().specific
    pages = selectors.activities(index)
    content = ical.calendar(pages, name=f"{centre.title}: {index.title}", centre=centre)
    return _ical_response(content, "kalendarz.ics")


def activity_ical(request, page):
    centre = page.get_parent().get_parent().specific
    content = ical.calendar([page], name=page.title, centre=centre)
    return _ical_response(content, f"{page.slug}.ics")


def room_week_url(request, index, room_id, day: datetime.date) -> str:
    """The rooms app's week of the room at `day` (empty without a room or the rooms' page)."""
    if not room_id or index is None:
        return ""
    route = index.reverse_subpage("room", args=[room_id])
    return f"{index.get_url(request)}{route}?tydzien={day.isoformat()}"


def _partner_url(page) -> str:
    partner = (
        Partner.objects.listed().filter(pk=page.partner_id).first() if page.partner_id else None
    )
    return partner_url(partner) if partner else ""


def _organiser_url(request, page) -> str:
    """The organiser's screens, for the people of the partner or initiative that runs the
    activity (events.access.organises: no query for most; staff work in the admin)."""
    if not access.organises(request.user, page):
        return ""
    return page.get_url(request) + page.reverse_subpage("organiser")


def activity_detail(request, page):
    """The description and dates, shared by everyone (events/detail_page.py), with the
    person's own sign-ups settled on top."""
    centre = SimpleLazyObject(lambda: page.get_parent().get_parent().specific)

    @functools.cache
    def rooms_index():
        return RoomIndexPage.objects.live().child_of(centre).first()

    rows = detail_page.dates(
        request,
        page,
        week_url=lambda room, day: room_week_url(request, rooms_index(), room.pk, day),
    )

    def first_start() -> datetime.datetime:
        """The first date held in the activity's own room (a moved date in another room
        links to that room's week beside it)."""
        own = [r for r in rows if not r["entry"].occurrence.own_room]
        return recurrence.local(own[0]["entry"].occurrence.starts_at if own else page.starts_at)

    room_week = SimpleLazyObject(
        lambda: room_week_url(request, rooms_index(), page.room_id, first_start().date())
    )
    response = page.render(
        request,
        context_overrides={
            "rows": rows,
            "centre": centre,
            "partner_url": SimpleLazyObject(lambda: _partner_url(page)),
            "room_week_url": room_week,
            "organiser_url": _organiser_url(request, page),
        },
    )
    return detail_page.with_own_signups(response, detail_page.own_signups(request, page))


def activity_signup(request, page, day: str):
    """Ask, then sign the signed-in resident up for one date (POST does it)."""
    planned = _day(day)
    if not page.has_signup or recurrence.planned_start(page, planned) is None:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    occurrence, refusal = services.signup_refusal(page, planned, now=timezone.now())
    existing = SignUp.objects.active().filter(activity=page, user=request.user, occurrence=planned)
    context = {"occurrence": occurrence, "refusal": refusal, "existing": existing.first()}
    if request.method == "POST" and not refusal:
        try:
            signup = services.signup_join(activity=page, day=planned, user=request.user)
        except NotAllowed as error:
            context["refusal"] = error.message
        else:
            if signup.state == SignUp.State.CONFIRMED:
                messages.success(request, _("You are signed up. We have sent you an email."))
            else:
                messages.info(request, _("There are no places left: you are on the waiting list."))
            return redirect(page.url)
    response = page.render(request, template="events/signup.html", context_overrides=context)
    patch_cache_control(response, private=True, no_store=True)
    if request.method == "POST":
        response.status_code = 409  # the rule said no: the page says why
    return response


def activity_cancel(request, page, token: str):
    """Cancel a sign-up through the emailed link, no login needed (POST does it)."""
    signup = services.signup_from_token(token)
    if signup is None or signup.activity_id != page.pk:
        raise Http404
    occurrence = recurrence.occurrence_on(page, signup.occurrence)
    if request.method == "POST" and signup.state != SignUp.State.CANCELLED:
        services.signup_cancel(signup=signup)
        messages.success(request, _("Your sign-up is cancelled. Thank you for letting us know."))
        return redirect(page.url)
    response = page.render(
        request,
        template="events/cancel.html",
        context_overrides={"signup": signup, "occurrence": occurrence},
    )
    patch_cache_control(response, private=True, no_store=True)  # a name: never a shared copy
    return response
