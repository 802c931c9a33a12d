"""How many people came to a booking, entered by staff afterwards: the yearly usage counts
it instead of the number asked for."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from rooms.models import Booking

ATTENDANCE_ACTION = "mam.rooms.attendance"


@transaction.atomic
def booking_attendance_record(
    *, booking: Booking, attended: int, by, now: datetime.datetime | None = None
) -> Booking:
    """Record (or correct) how many people came to a confirmed booking that has begun; an
    activity's date is counted on its own page (events.services.attendance_record)."""
    now = now or timezone.now()
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.is_activity:
        raise refused(
            "activity",
            _("This is a date of an activity: enter who came on the activity's sign-up page."),
        )
    if booking.state != Booking.State.CONFIRMED:
        raise refused("state", _("Only a confirmed booking can have a number of people who came."))
    if booking.starts_at > now:
        raise refused("future", _("The booking has not started yet: enter who came afterwards."))
    if attended < 0:
        raise refused("number", _("The number cannot be negative."))
    previous, booking.attended = booking.attended, attended
    booking.save(update_fields=["attended"])
    log(booking, ATTENDANCE_ACTION, user=by, data={"attended": attended, "previous": previous})
    return booking
