"""Petitions and the citizens' resolution initiative (art. 41a of the ustawa o samorządzie
gminnym): the committee, publishing, online support, paper sheets, filing and the decision.

Online support is public support, not a legal signature. Toward the legal threshold count only
the valid signatures on returned paper sheets, and a sheet's count only once two different
staff members entered the same number. Names and addresses on the sheets never enter MAM.
"""

from initiatives.services.petitions.committee import (
    committee_consent,
    committee_invite,
    committee_leave,
    committee_record,
    consented_committee,
)
from initiatives.services.petitions.drafting import (
    petition_prepare,
    petition_publish,
    publish_refusal,
)
from initiatives.services.petitions.filing import (
    _require_threshold,
    below_threshold_text,
    filing_threshold,
    petition_decide,
    petition_file,
)
from initiatives.services.petitions.sheets import (
    may_print_sheets,
    sheet_count_enter,
    sheets_mismatched,
    sheets_print,
    sheets_waiting,
)
from initiatives.services.petitions.support import (
    _require_open,
    petition_support,
    petition_withdraw,
)
from initiatives.services.petitions.thresholds import (
    COMMITTEE_MINIMUM,
    COUNCIL_DEADLINE,
    DEFAULT_THRESHOLD_ABOVE,
    DEFAULT_THRESHOLDS,
    MAX_SHEETS_AT_ONCE,
    ROWS_PER_SHEET,
    _changed,
    _record_action,
    council_deadline,
    default_threshold,
    signature_threshold,
)

__all__ = [
    "COMMITTEE_MINIMUM",
    "COUNCIL_DEADLINE",
    "DEFAULT_THRESHOLDS",
    "DEFAULT_THRESHOLD_ABOVE",
    "MAX_SHEETS_AT_ONCE",
    "ROWS_PER_SHEET",
    "_changed",
    "_record_action",
    "_require_open",
    "_require_threshold",
    "below_threshold_text",
    "committee_consent",
    "committee_invite",
    "committee_leave",
    "committee_record",
    "consented_committee",
    "council_deadline",
    "default_threshold",
    "filing_threshold",
    "may_print_sheets",
    "petition_decide",
    "petition_file",
    "petition_prepare",
    "petition_publish",
    "petition_support",
    "petition_withdraw",
    "publish_refusal",
    "sheet_count_enter",
    "sheets_mismatched",
    "sheets_print",
    "sheets_waiting",
    "signature_threshold",
]
