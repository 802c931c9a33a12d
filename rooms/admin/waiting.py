"""Room requests waiting for a decision, on the dashboard's "Waiting for you" (accounts)."""

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks

from accounts.admin.waiting import Waiting
from accounts.roles import staff_centres
from rooms.models import Booking
from rooms.services import STAFF_PERMISSION


@hooks.register("mam_staff_waiting")
def room_requests_waiting(user) -> Waiting | None:
    if not user.has_perm(STAFF_PERMISSION):
        return None
    count = Booking.objects.filter(
        state=Booking.State.PENDING,
        activity__isnull=True,
        centre__in=staff_centres(user, STAFF_PERMISSION),
    ).count()
    text = ngettext(
        "%(count)s room request to decide", "%(count)s room requests to decide", count
    ) % {"count": count}
    return Waiting(text, count, reverse("mam_room_bookings:index"), order=30)
