"""The room an activity is held in: booked for each of its dates of the coming year."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from consultations.participation import NotAllowed
from events.models import ActivityPage, Organiser, with_date_changes
from events.models.room_dates import room_dates
from rooms import services as rooms_services
from rooms.models import Booking

ORGANISER_KINDS = {
    Organiser.CENTRE: Booking.UserKind.CENTRE,
    Organiser.PARTNER: Booking.UserKind.NGO,
    Organiser.INITIATIVE: Booking.UserKind.RESIDENT,
    Organiser.TOWN: Booking.UserKind.TOWN,
}
ROOM_CLASH_ACTION = "mam.events.room_clash"


def activity_room_sync(*, activity: ActivityPage, now: datetime.datetime | None = None) -> int:
    """Book the activity's room for each of its dates of the coming year, a date moved to
    another room that room (replacing what was booked before); refuse when a confirmed
    booking overlaps one. Returns how many dates were booked."""
    now = now or timezone.now()
    activity = _fresh(activity)
    if not activity.live:
        return len(activity_room_release(activity=activity, now=now))
    return len(rooms_services.activity_bookings_replace(**_booking_args(activity, now)))


def activity_room_publish(
    *, activity: ActivityPage, now: datetime.datetime | None = None
) -> list[Booking]:
    """Book the rooms as `activity_room_sync` does, but never refuse, so that publishing
    never fails (a schedule, a workflow's approval, or a booking made in between, which
    PostgreSQL's exclusion constraint catches): a date that overlaps a confirmed booking is
    left without one, and the page's action log says so. Returns the clashing bookings."""
    now = now or timezone.now()
    activity = _fresh(activity)
    if not activity.live:
        activity_room_release(activity=activity, now=now)
        return []
    _made, found = rooms_services.activity_bookings_replace_free(**_booking_args(activity, now))
    clashes = list({booking.pk: booking for booking in found}.values())
    if clashes:
        log(
            activity,
            ROOM_CLASH_ACTION,
            data={
                "clashes": [
                    {"room": c.room.name, "starts_at": c.starts_at.isoformat()} for c in clashes
                ]
            },
        )
    return clashes


def _fresh(activity: ActivityPage) -> ActivityPage:
    return (
        ActivityPage.objects.select_related("room")
        .prefetch_related(with_date_changes())
        .get(pk=activity.pk)
    )


def _booking_args(activity: ActivityPage, now: datetime.datetime) -> dict:
    dates = room_dates(activity, now=now)
    return {
        "activity": activity,
        "room": activity.room,
        "slots": [(o.key, o.starts_at, o.ends_at) for o in dates],
        "user_kind": ORGANISER_KINDS.get(activity.organiser, Booking.UserKind.CENTRE),
        "people": activity.places or 0,
        "people_on": {o.key: o.own_places for o in dates if o.own_places is not None},
        "rooms_on": {o.key: o.own_room for o in dates if o.own_room is not None},
        "now": now,
    }


def activity_rooms_extend(*, now: datetime.datetime | None = None) -> tuple[int, list]:
    """Book the rooms of live repeating activities a year ahead again from `now` (their
    bookings were made a year ahead of their last publish, so the window moves daily).

    Returns (activities synced, activities refused by a clash); a clash leaves that
    activity's bookings as they were, for its editor to resolve.
    """
    now = now or timezone.now()
    in_a_room = Q(room__isnull=False) | Q(date_changes__room__isnull=False)
    repeating = ActivityPage.objects.live().exclude(recurrence="").filter(in_a_room).distinct()
    synced, clashed = 0, []
    for activity in repeating.order_by("pk"):
        try:
            activity_room_sync(activity=activity, now=now)
        except NotAllowed:
            clashed.append(activity)
        else:
            synced += 1
    return synced, clashed


def activity_room_release(*, activity: ActivityPage, now: datetime.datetime | None = None) -> list:
    """Free the rooms from the activity's future dates (unpublished)."""
    return rooms_services.activity_bookings_replace(
        activity=activity, room=None, slots=[], user_kind=Booking.UserKind.CENTRE, now=now
    )
