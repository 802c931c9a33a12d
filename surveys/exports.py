"""Survey responses: one row per response to each of the consultation's surveys, no names,
offered through the `mam_exports` hook.

The columns are the surveys' questions (surveys.summaries.survey_columns), so a
consultation with two surveys gets the questions of both; a row leaves the other survey's
questions empty.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from outcomes.exports.base import DATE, INT, TEXT, Column, Export
from surveys import selectors, summaries

KINDS = {"response_id": INT, "submitted_on": DATE}


def _rows(consultation, options):
    for survey in selectors.surveys_of(consultation):
        for row in summaries.survey_rows(survey):
            yield {"survey": survey.title, **row}


def _columns(consultation, options):
    labels = {"response_id": _("Response ID"), "submitted_on": _("Submitted on")}
    keys: list[str] = []
    for survey in selectors.surveys_of(consultation):
        keys += [key for key in summaries.survey_columns(survey) if key not in keys]
    return [
        Column("survey", _("Survey"), TEXT, 30),
        *(Column(key, labels.get(key, key), KINDS.get(key, TEXT), 20) for key in keys),
    ]


def _count(consultation, options):
    return sum(summaries.response_count(survey) for survey in selectors.surveys_of(consultation))


SURVEY_EXPORT = Export(
    name="survey",
    label=lambda: _("Survey responses"),
    description=lambda: _("Every response to the consultation's surveys, without names."),
    columns=_columns,
    rows=_rows,
    count=_count,
)
