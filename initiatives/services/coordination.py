"""Who coordinates an initiative: the organiser appoints a coordinator when the group has none,
and every change of coordinator is logged in the initiative's history and emailed to the new
coordinator by the worker (once, even when the task runs again: `jobs.services.run_once`).

Handing over and passing on after an account's deletion live in services.membership; they call
`coordinator_changed` here, as the appointment does.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from wagtail.log_actions import log

from accounts.notifications import send_user_email
from consultations.participation import refused
from home.links import absolute_url
from initiatives.models import Initiative, Membership
from initiatives.services.rules import is_organiser, person_refusal
from initiatives.versions import initiatives_changed
from jobs.services import enqueue_in_transaction, run_once

APPOINTED = "mam.initiative.coordinator_appoint"
HANDED_OVER = "mam.initiative.coordinator_hand_over"
PASSED_ON = "mam.initiative.coordinator_pass_on"
LEFT_WITHOUT = "mam.initiative.coordinator_none"
LOG_ACTIONS = [
    (
        APPOINTED,
        gettext_lazy("Appoint a coordinator"),
        gettext_lazy("Coordinator appointed by the organiser"),
    ),
    (
        HANDED_OVER,
        gettext_lazy("Hand over"),
        gettext_lazy("Coordination handed over to another member"),
    ),
    (
        PASSED_ON,
        gettext_lazy("Pass on"),
        gettext_lazy("Coordination passed on: the coordinator's account was deleted"),
    ),
    (
        LEFT_WITHOUT,
        gettext_lazy("No coordinator"),
        gettext_lazy("The coordinator's account was deleted and no member could take over"),
    ),
]


# A group still at work needs a coordinator: a running one, or one that ended "continued in
# another way" (its petition or application may still be before the town). A pending one is
# reviewed first, a declined one or one ended for good has nothing left to coordinate.
NEEDS_COORDINATOR = Q(state=Initiative.State.ACTIVE) | Q(
    state=Initiative.State.ENDED, outcome=Initiative.Outcome.CONTINUED
)


def without_coordinator():
    """Initiatives still at work that nobody coordinates: the organiser appoints one."""
    coordinated = Membership.objects.filter(role=Membership.Role.COORDINATOR)
    return Initiative.objects.filter(NEEDS_COORDINATOR).exclude(
        pk__in=coordinated.values("initiative_id")
    )


def state_refusal(initiative: Initiative) -> str:
    """Why the initiative's state allows no appointment, or "" when it does."""
    if initiative.state == Initiative.State.DECLINED:
        return _("This initiative was declined.")
    if initiative.state == Initiative.State.PENDING:
        return _(
            "This initiative waits for your review. Approve it first; then, if nobody "
            "coordinates it, appoint one of its members."
        )
    if initiative.state == Initiative.State.ENDED and (
        initiative.outcome != Initiative.Outcome.CONTINUED
    ):
        return _(
            "This initiative has ended and has nothing left to coordinate. A coordinator is "
            "appointed only for a group still at work, or one that ended “continued in "
            "another way”."
        )
    return ""


def appointable(initiative: Initiative):
    """The group's members the organiser may appoint, longest-standing first."""
    return (
        Membership.objects.filter(initiative=initiative, kind=Membership.Kind.MEMBER)
        .filter(user__is_active=True, user__deleted_at__isnull=True, user__blocked_at__isnull=True)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def coordinator_changed(
    initiative: Initiative, successor: Membership, *, action: str, by, now: datetime.datetime
) -> None:
    """Log the change in the initiative's history and queue the email to the new coordinator."""
    log(initiative, action, user=by, data={"membership": successor.pk})
    enqueue_in_transaction(
        send_coordinator_email,
        membership_id=successor.pk,
        since=now.isoformat(),
        how=action.rsplit("_", 1)[-1],  # appoint, over (handed) or on (passed)
    )


@transaction.atomic
def coordination_appoint(
    *,
    initiative: Initiative,
    organiser,
    member: Membership,
    now: datetime.datetime | None = None,
) -> Membership:
    """The centre's organiser makes a member the coordinator of a group that has none."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not is_organiser(organiser, initiative.centre):
        raise refused("organiser", _("Only the centre's organiser can appoint a coordinator."))
    if reason := state_refusal(initiative):
        raise refused("state", reason)
    if Membership.objects.filter(initiative=initiative, role=Membership.Role.COORDINATOR).exists():
        raise refused(
            "coordinator",
            _("The group has a coordinator: they hand over on the coordination page."),
        )
    member = appointable(initiative).filter(pk=member.pk).first()
    if member is None or person_refusal(member.user):
        raise refused("member", _("Choose a member of the group who can take part."))
    member.role = Membership.Role.COORDINATOR
    member.save(update_fields=["role"])
    coordinator_changed(initiative, member, action=APPOINTED, by=organiser, now=now)
    initiatives_changed(initiative.index_id)
    return member


@task()
def send_coordinator_email(*, membership_id: int, since: str, how: str = "") -> bool:
    """Tell the new coordinator, with the link to the coordination page; nothing when the role
    has moved on before the worker got here. Once per membership and moment."""
    membership = (
        Membership.objects.filter(pk=membership_id, role=Membership.Role.COORDINATOR)
        .select_related("user", "initiative__index")
        .first()
    )
    if membership is None or not membership.user.is_active:
        return False
    initiative = membership.initiative
    context = {
        "initiative": initiative,
        "how": how,
        "coordination_url": absolute_url(initiative.index.sub_url("handover", pk=initiative.pk)),
    }
    return run_once(
        f"initiative-coordinator:{membership_id}:{since}",
        lambda: send_user_email(membership.user, "initiatives/email/coordinator", context),
    )
