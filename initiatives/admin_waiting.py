"""Initiatives waiting for the organiser, on the dashboard's "Waiting for you": those to review
and running ones with no coordinator (the organiser appoints one: admin_coordinator)."""

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks

from accounts.admin.waiting import Waiting
from accounts.roles import staff_centres
from initiatives.admin import CHANGE
from initiatives.models import Initiative
from initiatives.services.coordination import without_coordinator


@hooks.register("mam_staff_waiting")
def initiatives_waiting(user) -> Waiting | None:
    if not user.has_perm(CHANGE):
        return None
    count = Initiative.objects.filter(
        state=Initiative.State.PENDING, centre__in=staff_centres(user, CHANGE)
    ).count()
    text = ngettext(
        "%(count)s new initiative to review", "%(count)s new initiatives to review", count
    ) % {"count": count}
    return Waiting(text, count, reverse("mam_initiatives:index"), order=25)


@hooks.register("mam_staff_waiting")
def initiatives_without_coordinator(user) -> Waiting | None:
    if not user.has_perm(CHANGE):
        return None
    count = without_coordinator().filter(centre__in=staff_centres(user, CHANGE)).count()
    text = ngettext(
        "%(count)s initiative with no coordinator",
        "%(count)s initiatives with no coordinator",
        count,
    ) % {"count": count}
    url = reverse("mam_initiatives:index") + "?needs_coordinator=true"
    return Waiting(text, count, url, order=26)  # shown at 0 too, as every other queue
