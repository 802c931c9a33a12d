"""Where a proposal's status may go: the workflow, the checks an answer must pass (staff of the
centre, an allowed step, a reason for a rejection, a fitting merge target) and the hook by which
apps above refuse a status."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from accounts import roles
from accounts.models import User
from proposals.models import Proposal

Status = Proposal.Status
STAFF_PERMISSION = "proposals.change_proposal"


# Where a proposal may go next. Withdrawing is the author's (proposal_withdraw elsewhere).
TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.UNDER_REVIEW, Status.MERGED, Status.REJECTED},
    Status.UNDER_REVIEW: {Status.ACCEPTED, Status.MERGED, Status.REJECTED},
    Status.ACCEPTED: {Status.SELECTED, Status.NOT_SELECTED, Status.REJECTED},
    Status.NOT_SELECTED: set(),
    # A funded project done at once, and one found not done after all, move back and forth
    # (implementation.services follows its record this way).
    Status.SELECTED: {Status.IN_PROGRESS, Status.IMPLEMENTED},
    Status.IN_PROGRESS: {Status.IMPLEMENTED},
    Status.MERGED: set(),
    Status.REJECTED: set(),
    Status.IMPLEMENTED: {Status.IN_PROGRESS},
    Status.WITHDRAWN: set(),
}
# A project not admitted in the review and reinstated on appeal (review.services).
REINSTATED: dict[str, set[str]] = {Status.REJECTED: {Status.ACCEPTED}}


def allowed_statuses(proposal: Proposal) -> list[str]:
    """The statuses an official may move `proposal` to now, in workflow order."""
    following = TRANSITIONS.get(proposal.status, set())
    return [value for value in Status.values if value in following]


def is_overdue(proposal: Proposal, today: datetime.date | None = None) -> bool:
    """Forwarded to an outside body whose promised answer date passed without an answer."""
    today = today or timezone.localdate()
    return bool(proposal.forwarded_to and proposal.answer_due and proposal.answer_due < today)


def _check_staff(proposal: Proposal, by: User) -> None:
    if not roles.is_staff_for(by, STAFF_PERMISSION, proposal.consultation.centre):
        raise ValidationError(_("Only officials of this centre can answer this proposal."))


def manual_refusal(proposal: Proposal, status: str) -> str:
    """Why an official may not set `status` by hand (the `mam_status_change_checks` hook: a
    function of the proposal and the status returning a sentence or ""), or ""."""
    for check in hooks.get_hooks("mam_status_change_checks"):
        if refusal := check(proposal, status):
            return refusal
    return ""


def _check_transition(proposal: Proposal, status: str, *, answer: str, reinstate: bool) -> None:
    """Refuse a status the workflow does not allow from the current one, or a bare rejection."""
    following = TRANSITIONS.get(proposal.status, set())
    if reinstate:
        following = following | REINSTATED.get(proposal.status, set())
    if status not in following:
        raise ValidationError(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {"current": proposal.get_status_display(), "new": Status(status).label}
            if status in Status.values
            else _("Choose a status.")
        )
    if status == Status.REJECTED and not answer:
        raise ValidationError(_("Give the reason for rejecting the proposal."))


def _check_merge_target(proposal: Proposal, status: str, merged_into: Proposal | None) -> None:
    """Refuse a merge without a fitting target, and a target without a merge."""
    if status == Status.MERGED:
        if merged_into is None:
            raise ValidationError(_("Choose the proposal this one is merged into."))
        if merged_into.pk == proposal.pk or merged_into.consultation_id != proposal.consultation_id:
            raise ValidationError(
                _("A proposal can be merged only into another one of the same consultation.")
            )
        if merged_into.status in (Status.MERGED, Status.WITHDRAWN):
            raise ValidationError(_("That proposal was itself merged or withdrawn."))
    elif merged_into is not None:
        raise ValidationError(_("Choose “merged” to merge proposals."))
