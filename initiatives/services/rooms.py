"""A room at the centre for the group: the rooms app's request, recorded on the initiative."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from initiatives.models import Initiative
from initiatives.services.rules import refused, require_leader, require_running
from rooms import services as room_services
from rooms.models import Booking, Room


@transaction.atomic
def room_request(
    *,
    initiative: Initiative,
    user,
    room: Room,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str,
    people: int,
    user_kind: str,
    now: datetime.datetime | None = None,
) -> Booking:
    """Ask for `room` for the group (its coordinator or a contact person asks); the centre's
    staff decide as for any request, and the booking is listed on the initiative's page."""
    require_leader(user, initiative)
    require_running(initiative)
    if room.centre_id != initiative.centre_id:
        raise refused("room", _("Choose a room of the initiative's centre."))
    booking = room_services.booking_request(
        room=room,
        user=user,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose,
        people=people,
        user_kind=user_kind,
        now=now,
    )
    initiative.room_bookings.add(booking)
    return booking
