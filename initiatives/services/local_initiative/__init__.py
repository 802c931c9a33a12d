"""The local initiative application (art. 19b–19h): prepare, check, evaluate, decide, pledge.

The group (or a resident, or a confirmed organisation) writes the application while it is a
draft; once complete it is marked ready and printed for filing. The centre's organiser then
records the town's evaluation against the criteria of the town's resolution and its decision.
Social work is valued at the hourly rate the town sets (LocalInitiativeTerms of the centre),
fixed on the application when it is marked ready.
"""

from initiatives.services.local_initiative.access import (
    _locked,
    _require_draft,
    _require_editor,
    _require_organiser,
    _timeline,
    _touched,
    may_edit,
    may_see,
)
from initiatives.services.local_initiative.drafting import (
    _clean_contributions,
    _clean_costs,
    _decimal,
    application_mark_ready,
    application_reopen,
    application_save,
    application_start,
)
from initiatives.services.local_initiative.pledges import (
    pledge_add,
    pledge_delivered,
)
from initiatives.services.local_initiative.reading import (
    MAX_AMOUNT,
    MAX_HOURS,
    MAX_LINES,
    ZERO,
    App,
    PledgeTotals,
    Totals,
    line_value,
    missing,
    pledge_totals,
    rate_of,
    totals,
    town_rate,
)
from initiatives.services.local_initiative.town import (
    decision_record,
    evaluation_record,
    terms_set,
)

__all__ = [
    "App",
    "MAX_AMOUNT",
    "MAX_HOURS",
    "MAX_LINES",
    "PledgeTotals",
    "Totals",
    "ZERO",
    "_clean_contributions",
    "_clean_costs",
    "_decimal",
    "_locked",
    "_require_draft",
    "_require_editor",
    "_require_organiser",
    "_timeline",
    "_touched",
    "application_mark_ready",
    "application_reopen",
    "application_save",
    "application_start",
    "decision_record",
    "evaluation_record",
    "line_value",
    "may_edit",
    "may_see",
    "missing",
    "pledge_add",
    "pledge_delivered",
    "pledge_totals",
    "rate_of",
    "terms_set",
    "totals",
    "town_rate",
]
