""" "Waiting for you" on the admin dashboard: what staff of a centre still have to decide.

Each queue of the apps (residency declarations and reports here; room requests, partner
changes, initiatives to review above) gives its count for the user through the
`mam_staff_waiting` hook (`func(user) -> Waiting | None`: None when the user may not decide
those), so a moderator or an organiser sees at a glance where people wait for an answer
instead of opening every menu. One count query per queue the user may decide.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.components import Component

from accounts.admin.declarations import CHANGE as DECIDE_DECLARATION
from accounts.admin.moderation.targets import QUEUE, report_scope
from accounts.models import Report, ResidencyDeclaration
from accounts.roles import staff_centres


@dataclass(frozen=True)
class Waiting:
    text: str  # "3 residency declarations to review", the count in words
    count: int
    url: str
    order: int = 50


class WaitingPanel(Component):
    name = "mam_waiting"
    order = 80  # above "My cases" (90) and Wagtail's own panels
    template_name = "accounts/admin/waiting_panel.html"

    def __init__(self, items: list[Waiting]):
        self.items = items

    def get_context_data(self, parent_context=None):
        return {"items": self.items, "total": sum(item.count for item in self.items)}


def waiting_for(user) -> list[Waiting]:
    found = (waiting(user) for waiting in hooks.get_hooks("mam_staff_waiting"))
    return sorted((item for item in found if item is not None), key=lambda i: i.order)


@hooks.register("mam_staff_waiting")
def declarations_waiting(user) -> Waiting | None:
    if not user.has_perm(DECIDE_DECLARATION):
        return None
    count = ResidencyDeclaration.objects.filter(
        state=ResidencyDeclaration.State.PENDING,
        centre__in=staff_centres(user, DECIDE_DECLARATION),
    ).count()
    text = ngettext(
        "%(count)s residency declaration to review",
        "%(count)s residency declarations to review",
        count,
    ) % {"count": count}
    return Waiting(text, count, reverse("mam_declarations:index"), order=10)


@hooks.register("mam_staff_waiting")
def reports_waiting(user) -> Waiting | None:
    if not user.has_perm(QUEUE):
        return None
    reports = Report.objects.open().filter(report_scope(user, staff_centres(user, QUEUE)))
    # A contribution reported twice is one to look at, as the queue lists it.
    count = reports.values("content_type_id", "object_id").distinct().count()
    text = ngettext(
        "%(count)s reported contribution to look at",
        "%(count)s reported contributions to look at",
        count,
    ) % {"count": count}
    return Waiting(text, count, reverse("mam_moderation:index"), order=20)
