"""Partners' changes waiting for the centre, on the dashboard's "Waiting for you" (accounts)."""

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks

from accounts.admin.waiting import Waiting
from accounts.roles import staff_centres
from partners.models import PartnerChange
from partners.services import STAFF_PERMISSION


@hooks.register("mam_staff_waiting")
def partner_changes_waiting(user) -> Waiting | None:
    if not user.has_perm(STAFF_PERMISSION):
        return None
    count = PartnerChange.objects.filter(
        state=PartnerChange.State.PENDING, centre__in=staff_centres(user, STAFF_PERMISSION)
    ).count()
    text = ngettext(
        "%(count)s change from a partner to decide",
        "%(count)s changes from partners to decide",
        count,
    ) % {"count": count}
    return Waiting(text, count, reverse("mam_partner_changes:index"), order=40)
