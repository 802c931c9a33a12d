"""Survey responses, offered once the survey app provides them.

The survey app (its own branch) provides `consultations.selectors_survey` with
`surveys_of(consultation)` (the consultation's surveys) and `survey_rows(survey)` (one plain
dict per response, the same keys in every row). Until that module exists this export is not
registered, and nothing else depends on it.
"""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal
from itertools import islice

from django.utils.translation import gettext as _

from consultations.exports.base import BOOL, DATE, DATETIME, DECIMAL, INT, TEXT, Column, Export
from consultations.exports.registry import register


def _kind(value) -> str:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, Decimal | float):
        return DECIMAL
    if isinstance(value, datetime.datetime):
        return DATETIME
    if isinstance(value, datetime.date):
        return DATE
    return TEXT


def survey_export(selectors) -> Export:
    """The export of every response to every survey of a consultation."""

    def rows(consultation, options):
        for survey in selectors.surveys_of(consultation):
            for row in selectors.survey_rows(survey):
                yield {"survey": str(survey), **row}

    def columns(consultation, options):
        # The survey's questions are its columns; the first response tells their types.
        first = next(islice(rows(consultation, options), 1), None) or {}
        return [
            Column(key, key if key != "survey" else _("Survey"), _kind(value), 20)
            for key, value in first.items()
        ]

    def count(consultation, options):
        return sum(1 for _row in rows(consultation, options))

    return Export(
        name="survey",
        label=lambda: _("Survey responses"),
        description=lambda: _("Every response to the consultation's surveys, without names."),
        columns=columns,
        rows=rows,
        count=count,
    )


def register_survey_export() -> Export | None:
    try:
        selectors = importlib.import_module("consultations.selectors_survey")
    except ImportError:
        return None
    if not (hasattr(selectors, "surveys_of") and hasattr(selectors, "survey_rows")):
        return None
    return register(survey_export(selectors))


register_survey_export()
