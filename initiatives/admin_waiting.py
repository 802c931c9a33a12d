"""Initiatives waiting for the organiser's review, on the dashboard's "Waiting for you"."""

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks

from accounts.admin.waiting import Waiting
from accounts.roles import staff_centres
from initiatives.admin import CHANGE
from initiatives.models import Initiative


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
