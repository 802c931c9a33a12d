"""A person's coming room bookings, on their own page (accounts)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page

from accounts.participation import LIMIT, Item, Section
from rooms.models import Booking, RoomIndexPage


@hooks.register("mam_account_participation")
def coming_bookings(request) -> Section | None:
    coming = Booking.objects.filter(
        requested_by=request.user,
        state__in=(Booking.State.PENDING, Booking.State.CONFIRMED),
        ends_at__gt=timezone.now(),
    )
    rows = list(coming.select_related("room", "centre").order_by("starts_at", "pk")[:LIMIT])
    if not rows:
        return None  # most residents never book a room: no empty section for them
    # Each centre's own list of bookings (where they can be cancelled), one query for all.
    indexes = {index.path[: -Page.steplen]: index for index in RoomIndexPage.objects.live()}
    items = []
    for booking in rows:
        index = indexes.get(booking.centre.path)
        url = index.get_url(request) + index.reverse_subpage("mine") if index else ""
        items.append(
            Item(
                title=f"{booking.room.name}, {booking.centre.title}",
                url=url,
                detail=f"{booking.get_state_display()} · {booking.purpose}",
                when=booking.starts_at,
            )
        )
    return Section(
        key="bookings",
        title=_("Your room bookings"),
        items=items,
        total=coming.count(),
        order=50,
    )
