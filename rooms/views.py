"""The rooms pages' views, called from the rooms index's routes (rooms.models)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from wagtail.models import Page

from accounts.roles import is_staff_for
from consultations.participation import NotAllowed
from home.ids import parse_id
from rooms import selectors, services
from rooms.forms import BookingRequestForm, kinds_for, week_start
from rooms.models import Booking, Room


def _room(index, room_id: int) -> Room:
    room = selectors.rooms(index.centre).filter(pk=room_id).first()
    if room is None:
        raise Http404
    return room


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def room_list(request, index):
    """The centre's rooms. The list is the same for everyone (the template keeps it in a
    shared part): it is read only when the part is rendered, not when it comes from the
    cache."""
    centre = SimpleLazyObject(lambda: index.centre)
    return index.render(
        request,
        context_overrides={
            "centre": centre,
            "rooms": SimpleLazyObject(lambda: list(selectors.rooms(centre))),
        },
    )


def room_week(request, index, room_id: int):
    """A room's week. Only the room's own row is read for each request (to answer 404 for a
    room of another centre); the rest is the same for everyone and kept in shared parts."""
    room = Room.objects.filter(pk=room_id, centre__in=Page.objects.parent_of(index)).first()
    if room is None:
        raise Http404
    today = selectors.local(timezone.now()).date()
    monday = week_start(request.GET.get("tydzien"), today)
    if monday is None:
        raise Http404

    def shown() -> dict:
        prefetch_related_objects([room], selectors.photos())
        rules = selectors.rules(room.centre)
        return {"rules": rules, "week": selectors.week(room, monday, rules)}

    shared = SimpleLazyObject(shown)
    return index.render(
        request,
        template="rooms/room_page.html",
        context_overrides={
            "centre": SimpleLazyObject(lambda: room.centre),
            "room": room,
            "week": SimpleLazyObject(lambda: shared["week"]),
            "rules": SimpleLazyObject(lambda: shared["rules"]),
            "today": today,
        },
    )


def booking_new(request, index, room_id: int):
    """Ask for the room (GET shows the form, POST asks through the service)."""
    room = _room(index, room_id)
    if not room.bookable:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    centre = room.centre
    kinds = kinds_for(
        organisation=bool(request.user.organisation_confirmed_at),
        staff=is_staff_for(request.user, services.STAFF_PERMISSION, centre),
    )
    form = BookingRequestForm(request.POST or None, kinds=kinds)
    refusal = ""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.booking_request(
                    room=room,
                    user=request.user,
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    purpose=data["purpose"],
                    people=data["people"],
                    user_kind=data["user_kind"],
                )
            except NotAllowed as error:
                refusal, status = error.message, 409
            else:
                messages.success(
                    request,
                    _("Your request is sent. The centre will confirm or decline it by email."),
                )
                return redirect(index.url + index.reverse_subpage("mine"))
    else:
        code, refusal = services.requester_refusal(request.user, centre, kinds[-1])
    response = index.render(
        request,
        template="rooms/booking_form.html",
        context_overrides={
            "centre": centre,
            "room": room,
            "form": form,
            "refusal": refusal,
            "rules": selectors.rules(centre),
        },
    )
    response.status_code = status
    return _private(response)


def my_bookings(request, index):
    """The signed-in person's requests at this centre, with a button to cancel (POST)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    own = Booking.objects.filter(requested_by=request.user, centre_id=index.get_parent().pk)
    if request.method == "POST":
        pk = parse_id(request.POST.get("booking"))
        booking = own.filter(pk=pk).first() if pk is not None else None
        if booking is None:
            raise Http404
        try:
            services.booking_cancel(booking=booking, user=request.user)
        except NotAllowed as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your booking is cancelled."))
        return redirect(index.url + index.reverse_subpage("mine"))
    now = timezone.now()
    bookings = list(own.select_related("room").order_by("-starts_at"))
    response = index.render(
        request,
        template="rooms/my_bookings.html",
        context_overrides={
            "centre": index.centre,
            "upcoming": [b for b in bookings if b.ends_at > now],
            "past": [b for b in bookings if b.ends_at <= now],
            "now": now,
            "open_states": [Booking.State.PENDING, Booking.State.CONFIRMED],
        },
    )
    return _private(response)
