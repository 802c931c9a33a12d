"""Who may do what in an initiative: one place for the checks the services make."""

from django.utils.translation import gettext as _

from accounts.permissions import contribution_refusal
from accounts.roles import is_staff_for
from accounts.services.residency import is_verified_resident
from consultations.participation import NotAllowed, refused
from initiatives.models import Initiative, Membership

ORGANISER_PERMISSION = "initiatives.change_initiative"


def person_refusal(user) -> NotAllowed | None:
    """Signed in, a confirmed email address, not blocked."""
    reason = contribution_refusal(user)
    if reason:
        return refused(reason, _("Your account cannot take part now."))
    return None


def start_refusal(user, centre) -> NotAllowed | None:
    """A verified resident of the centre's town or a confirmed organisation may start one."""
    refusal = person_refusal(user)
    if refusal:
        return refusal
    if user.confirmed_organisation or is_verified_resident(user, centre):
        return None
    return refused(
        "residence",
        _("Only a confirmed resident or a confirmed organisation can start an initiative."),
    )


def is_organiser(user, centre) -> bool:
    """The centre's organiser (staff who review initiatives), or an administrator."""
    return is_staff_for(user, ORGANISER_PERMISSION, centre)


def membership_of(user, initiative: Initiative) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(initiative=initiative, user=user).first()


def is_leader(user, initiative: Initiative) -> bool:
    """The coordinator or a contact person: they post needs, updates and actions."""
    membership = membership_of(user, initiative)
    return membership is not None and membership.role in (
        Membership.Role.COORDINATOR,
        Membership.Role.CONTACT,
    )


def is_coordinator(user, initiative: Initiative) -> bool:
    membership = membership_of(user, initiative)
    return membership is not None and membership.role == Membership.Role.COORDINATOR


def require_running(initiative: Initiative) -> None:
    if initiative.state != Initiative.State.ACTIVE or initiative.is_hidden:
        raise refused("state", _("This initiative is not running."))


def require_leader(user, initiative: Initiative) -> None:
    if person_refusal(user) or not is_leader(user, initiative):
        raise refused(
            "leader", _("Only the initiative's coordinator or contact person can do this.")
        )


def require_coordinator(user, initiative: Initiative) -> None:
    if person_refusal(user) or not is_coordinator(user, initiative):
        raise refused("coordinator", _("Only the initiative's coordinator can do this."))
