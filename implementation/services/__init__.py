"""Writes with rules on implementation records: only funded projects get one, officials of
the project's centre change it, and every change writes one dated public timeline entry and
emails the author and the followers once.

Split by seam: opening records (`opening`), changing them (`updates`), telling people
(`notifications`). The names stay importable from `implementation.services`, and the task's
old path `implementation.services.notify_change` still resolves.
"""

from implementation.services.notifications import change_notify, notify_change, recipients
from implementation.services.opening import (
    STAFF_PERMISSION,
    STANDARD_MILESTONES,
    UNDER_WAY,
    ProposalStatus,
    has_published_result,
    implementation_create,
    is_funded,
    known_department,
    records_create_for,
    records_open_for_result,
)
from implementation.services.updates import (
    MilestoneChange,
    implementation_update,
    proposal_follow,
)

__all__ = [
    "STANDARD_MILESTONES",
    "STAFF_PERMISSION",
    "UNDER_WAY",
    "MilestoneChange",
    "ProposalStatus",
    "change_notify",
    "has_published_result",
    "implementation_create",
    "implementation_update",
    "is_funded",
    "known_department",
    "notify_change",
    "proposal_follow",
    "recipients",
    "records_create_for",
    "records_open_for_result",
]
