"""Which proposals and consultations a staff member's centres reach: shared by the proposals
admin modules (admin.py, admin_bulk.py, admin_comments.py, admin_desk.py)."""

from django.db.models import Q

from accounts.roles import staff_centres
from proposals.models import Proposal

VIEW = "proposals.view_proposal"


def within(centres, prefix: str = "consultation__") -> Q:
    """Proposals (or consultations, prefix="") whose page lies under one of `centres`."""
    scope = Q(pk__in=[])
    for centre in centres:
        scope |= Q(**{f"{prefix}path__startswith": centre.path})
    return scope


def scoped_proposals(user, permission: str = VIEW):
    return Proposal.objects.filter(within(staff_centres(user, permission)))
