"""The petition and local initiative services, split into packages, keep every old name at the
old import path, and each part stays short."""

import importlib
import pathlib

import pytest

OLD_NAMES = {
    "initiatives.services.petitions": [
        "COMMITTEE_MINIMUM",
        "COUNCIL_DEADLINE",
        "MAX_SHEETS_AT_ONCE",
        "ROWS_PER_SHEET",
        "default_threshold",
        "signature_threshold",
        "council_deadline",
        "petition_prepare",
        "consented_committee",
        "committee_invite",
        "committee_consent",
        "committee_leave",
        "committee_record",
        "petition_publish",
        "petition_support",
        "petition_withdraw",
        "may_print_sheets",
        "sheets_print",
        "sheet_count_enter",
        "sheets_mismatched",
        "sheets_waiting",
        "filing_threshold",
        "below_threshold_text",
        "petition_file",
        "petition_decide",
        "_record_action",
        "_changed",
    ],
    "initiatives.services.local_initiative": [
        "App",
        "ZERO",
        "MAX_LINES",
        "Totals",
        "PledgeTotals",
        "town_rate",
        "rate_of",
        "line_value",
        "totals",
        "pledge_totals",
        "missing",
        "may_edit",
        "may_see",
        "application_start",
        "application_save",
        "application_mark_ready",
        "application_reopen",
        "pledge_add",
        "pledge_delivered",
        "evaluation_record",
        "decision_record",
        "terms_set",
    ],
}


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_old_import_path_keeps_every_name(module):
    found = importlib.import_module(module)
    assert [name for name in OLD_NAMES[module] if not hasattr(found, name)] == []


@pytest.mark.parametrize("module", sorted(OLD_NAMES))
def test_each_part_of_the_package_stays_under_300_lines(module):
    folder = pathlib.Path(importlib.import_module(module).__file__).parent
    long = {p.name: n for p in folder.glob("*.py") if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}
