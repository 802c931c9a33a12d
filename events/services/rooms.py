"""The room an activity is held in: booked for each of its dates of the coming year."""

from __future__ import annotations

import datetime

from django.utils import timezone

from consultations.participation import NotAllowed
from events.models import ActivityPage, Organiser
from events.models.pages import room_slots
from rooms import services as rooms_services
from rooms.models import Booking

ORGANISER_KINDS = {
    Organiser.CENTRE: Booking.UserKind.CENTRE,
    Organiser.PARTNER: Booking.UserKind.NGO,
    Organiser.INITIATIVE: Booking.UserKind.RESIDENT,
    Organiser.TOWN: Booking.UserKind.TOWN,
}


def activity_room_sync(*, activity: ActivityPage, now: datetime.datetime | None = None) -> int:
    """Book the activity's room for each of its dates of the coming year (replacing what was
    booked before); refuse when a confirmed booking overlaps one. Returns how many dates."""
    now = now or timezone.now()
    activity = ActivityPage.objects.prefetch_related("date_changes").get(pk=activity.pk)
    made = rooms_services.activity_bookings_replace(
        activity=activity,
        room=activity.room if activity.live else None,
        slots=room_slots(activity, now=now),
        user_kind=ORGANISER_KINDS.get(activity.organiser, Booking.UserKind.CENTRE),
        people=activity.places or 0,
        people_on={c.original_date: c.places for c in activity.date_changes.all() if c.places},
        now=now,
    )
    return len(made)


def activity_rooms_extend(*, now: datetime.datetime | None = None) -> tuple[int, list]:
    """Book the rooms of live repeating activities a year ahead again from `now` (their
    bookings were made a year ahead of their last publish, so the window moves daily).

    Returns (activities synced, activities refused by a clash); a clash leaves that
    activity's bookings as they were, for its editor to resolve.
    """
    now = now or timezone.now()
    repeating = ActivityPage.objects.live().exclude(recurrence="").filter(room__isnull=False)
    synced, clashed = 0, []
    for activity in repeating.order_by("pk"):
        try:
            activity_room_sync(activity=activity, now=now)
        except NotAllowed:
            clashed.append(activity)
        else:
            synced += 1
    return synced, clashed


def activity_room_release(*, activity: ActivityPage, now: datetime.datetime | None = None) -> None:
    """Free the room from the activity's future dates (unpublished)."""
    rooms_services.activity_bookings_replace(
        activity=activity, room=None, slots=[], user_kind=Booking.UserKind.CENTRE, now=now
    )
