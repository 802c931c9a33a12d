"""Writes with rules on reviews and appeals; deadlines in Warsaw days as the rules count them.

A proposal's status moves only through proposals.services.status: under review when its
review starts, accepted or rejected with the outcome, accepted again when an appeal is upheld.
The ballot lists accepted proposals, so it lists exactly the admitted and reinstated ones.

The package's modules follow the steps: common (permission, clock, deadlines), assessment,
assignment, outcome, appeals, vote (pending appeals hold it) and reminders; every name is
re-exported here, so `review.services.X` and the tasks' dotted paths keep working.
"""

from review.selectors import setup_of
from review.services.appeal_access import (
    APPEAL_BODY_GROUP,
    DECIDE_PERMISSION,
    appeal_body_access_sync,
    appeal_body_only,
    may_open_appeals,
)
from review.services.appeals import (
    _appeal_create,
    _check_appeal_body,
    appeal_body_members,
    appeal_decide,
    appeal_decision_notify,
    appeal_enter_paper,
    appeal_file,
    appeal_refusal,
    appeal_setup,
    may_decide_appeal,
    notify_appeal_decision,
    notify_appeal_filed,
)
from review.services.assessment import (
    _check_assessor,
    _check_assignees,
    _holds_criterion_case,
    _may_assess,
    criterion_assess,
    review_start,
    town_cost_set,
)
from review.services.assignment import (
    assigned_notify,
    assignment_recipients,
    notify_assigned,
    review_assign,
    review_case_of,
)
from review.services.common import (
    STAFF_PERMISSION,
    Status,
    _check_staff,
    _now,
    appeal_deadline,
    decision_deadline,
)
from review.services.outcome import (
    _answer,
    _answer_proposal,
    _check_outcome,
    _complete_assessments,
    notify_outcome,
    outcome_notify,
    review_decide,
)
from review.services.reminders import (
    _appeal_deciders,
    _appeals_digest,
    _noop,
    appeal_reminder_days,
    appeal_reminders_send,
    appeals_due,
)
from review.services.vote import (
    pending_appeals,
    vote_hold,
    vote_holds,
    vote_override,
)

__all__ = [
    "APPEAL_BODY_GROUP",
    "DECIDE_PERMISSION",
    "STAFF_PERMISSION",
    "Status",
    "_answer",
    "_answer_proposal",
    "_appeal_create",
    "_appeal_deciders",
    "_appeals_digest",
    "_check_appeal_body",
    "_check_assessor",
    "_check_assignees",
    "_check_outcome",
    "_check_staff",
    "_complete_assessments",
    "_holds_criterion_case",
    "_may_assess",
    "_noop",
    "_now",
    "appeal_body_access_sync",
    "appeal_body_members",
    "appeal_body_only",
    "appeal_deadline",
    "appeal_decide",
    "appeal_decision_notify",
    "appeal_enter_paper",
    "appeal_file",
    "appeal_refusal",
    "appeal_reminder_days",
    "appeal_reminders_send",
    "appeal_setup",
    "appeals_due",
    "assigned_notify",
    "assignment_recipients",
    "criterion_assess",
    "decision_deadline",
    "may_decide_appeal",
    "may_open_appeals",
    "notify_appeal_decision",
    "notify_appeal_filed",
    "notify_assigned",
    "notify_outcome",
    "outcome_notify",
    "pending_appeals",
    "review_assign",
    "review_case_of",
    "review_decide",
    "review_start",
    "setup_of",
    "town_cost_set",
    "vote_hold",
    "vote_holds",
    "vote_override",
]
