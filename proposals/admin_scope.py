"""Which proposals a staff member's centres reach: shared by the proposals admin modules
(admin.py, admin_actions.py, admin_bulk.py, admin_comments.py, admin_desk.py)."""

from accounts.roles import staff_centres
from home.scope import rows_under
from proposals.models import Proposal

VIEW = "proposals.view_proposal"


def scoped_proposals(user, permission: str = VIEW):
    return Proposal.objects.filter(rows_under(staff_centres(user, permission), "consultation__"))
