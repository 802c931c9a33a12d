"""Write to everyone who offered help on a proposal, through MAM, never showing addresses.

Each helper gets their own email (one recipient per message), so nobody sees another
helper's address; the sender is named by their public name only and no Reply-To is set.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from proposals.models import Proposal
from proposals.services.engagement import STAFF_PERMISSION
from proposals.services.status import proposal_absolute_url

SUBJECT_MAX_LENGTH = 140
BODY_MAX_LENGTH = 2000
LOG_ACTION = "mam.proposal.helpers_message"


def may_write_to_helpers(user, proposal: Proposal) -> bool:
    """The proposal's author and the staff of the proposal's own centre may write to helpers."""
    if not (user.is_authenticated and user.is_active):
        return False
    if proposal.author_id == user.pk:
        return True
    return roles.is_staff_for_consultation(user, STAFF_PERMISSION, proposal.consultation)


def helpers_of(proposal: Proposal, *, exclude: User | None = None):
    """Active, not deleted people who offered help on `proposal`, in the order they offered."""
    helpers = User.objects.filter(
        pledges__proposal=proposal, is_active=True, deleted_at__isnull=True
    ).order_by("pledges__created_at", "pk")
    if exclude is not None:
        helpers = helpers.exclude(pk=exclude.pk)
    return helpers


def helpers_message(*, proposal: Proposal, sender: User, subject: str, body: str) -> int:
    """Email `subject` and `body` to each helper of `proposal`; return how many were written to."""
    if not may_write_to_helpers(sender, proposal):
        raise PermissionDenied(_("Only the author and the centre's staff may write to helpers."))
    subject = " ".join(subject.split())  # one line: a header cannot carry a line break
    body = body.strip()
    if not subject or not body:
        raise ValidationError(_("Write a subject and a message."))
    if len(subject) > SUBJECT_MAX_LENGTH or len(body) > BODY_MAX_LENGTH:
        raise ValidationError(_("Keep the subject and the message short."))
    context = {
        "proposal": proposal,
        "consultation": proposal.consultation,
        "proposal_url": proposal_absolute_url(proposal),
        "sender_name": sender.public_name,
        "sender_is_author": proposal.author_id == sender.pk,
        "subject": subject,
        "body": body,
    }
    recipients = 0
    for helper in helpers_of(proposal, exclude=sender):
        send_user_email(helper, "proposals/email/helpers_message", context)
        recipients += 1
    log(proposal, LOG_ACTION, user=sender, data={"recipients": recipients, "subject": subject})
    return recipients
