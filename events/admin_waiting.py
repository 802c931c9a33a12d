"""Activity dates left without their room, on the dashboard's "Waiting for you" (accounts).

Approving an activity from the dashboard runs no editor hook, so whoever approved it is not
told there that a date clashes with a room's booking; the staff of the centre see the count
here, linked to the dates list's "not booked" view (events.admin_views.DatesView)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail import hooks

from accounts.admin.waiting import Waiting
from events import access, room_clashes

UNBOOKED_PARAMETER = "bez_sali"


@hooks.register("mam_staff_waiting")
def dates_without_their_room(user) -> Waiting | None:
    """Nothing for those who do not work with activities, nor when every date has its room."""
    if not access.may_manage(user):
        return None
    pages = access.editable_activities(user)
    count = len(room_clashes.unbooked_ahead(pages, now=timezone.now()))
    if not count:
        return None
    text = ngettext(
        "%(count)s activity date without its room (the room was taken)",
        "%(count)s activity dates without their room (the room was taken)",
        count,
    ) % {"count": count}
    url = f"{reverse('activity_signups:index')}?{UNBOOKED_PARAMETER}=1"
    return Waiting(text, count, url, order=35)
