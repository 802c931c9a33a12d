"""Reads for surveys: when a survey is open, who may answer, where surveys are listed, and
(surveys/summaries.py, re-exported here) what the answers add up to.
"""

from __future__ import annotations

import datetime

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_staff_for
from consultations import selectors as consultation_selectors
from surveys.models import SurveyPage, SurveyResponse
from surveys.summaries import (
    QuestionSummary,
    answer_text,
    response_count,
    survey_columns,
    survey_rows,
    survey_summary,
)

# What the answers add up to lives in surveys/summaries.py; its names stay importable from here.
__all__ = [
    "CLOSED",
    "OPEN",
    "QuestionSummary",
    "UPCOMING",
    "VIEW_ANSWERS",
    "answer_text",
    "consultation_surveys",
    "has_answered",
    "may_see_answers",
    "open_surveys",
    "response_count",
    "results_visible",
    "state_sentence",
    "survey_columns",
    "survey_rows",
    "survey_state",
    "survey_summaries",
    "survey_summary",
    "survey_window",
    "surveys_of",
]


UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
VIEW_ANSWERS = "surveys.view_surveyresponse"


def _now(now):
    return now or timezone.now()


def _day(moment: datetime.datetime) -> str:
    return date_filter(timezone.localtime(moment), "j E Y")


# --- When -------------------------------------------------------------------------------


def survey_window(survey: SurveyPage) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Return (opens, closes): the survey's own dates, else its consultation's acting phases."""
    opens, closes = survey.opens_at, survey.closes_at
    if opens and closes:
        return opens, closes
    consultation = survey.consultation
    items = consultation_selectors.phases(consultation) if consultation else []
    acting = [phase for phase in items if phase.kind in consultation_selectors.PARTICIPATION_KINDS]
    if acting:
        opens = opens or min(phase.starts_at for phase in acting)
        closes = closes or max(phase.effective_end for phase in acting)
    return opens, closes


def survey_state(survey: SurveyPage, now: datetime.datetime | None = None) -> str:
    """Return UPCOMING, OPEN or CLOSED at `now` (a survey without dates is upcoming)."""
    now = _now(now)
    opens, closes = survey_window(survey)
    if opens is None or now < opens:
        return UPCOMING
    if closes is not None and closes <= now:
        return CLOSED
    return OPEN


def results_visible(survey: SurveyPage, now: datetime.datetime | None = None) -> bool:
    """The public summary shows once the survey closed, or while open if the editor chose so."""
    state = survey_state(survey, now)
    return state == CLOSED or (state == OPEN and survey.show_results_while_open)


def state_sentence(survey: SurveyPage, now: datetime.datetime | None = None) -> str:
    """Say where the survey stands, e.g. "Open until 30 November 2026"."""
    now = _now(now)
    opens, closes = survey_window(survey)
    state = survey_state(survey, now)
    if state == UPCOMING:
        if opens is None:
            return _("The dates of the survey will be announced soon")
        return _("The survey opens on %(date)s") % {"date": _day(opens)}
    if state == CLOSED:
        return _("The survey closed on %(date)s") % {
            "date": _day(closes - datetime.timedelta(microseconds=1))
        }
    if closes is None:
        return _("The survey is open")
    return _("The survey is open until %(date)s") % {
        "date": _day(closes - datetime.timedelta(microseconds=1))
    }


# --- Who --------------------------------------------------------------------------------


def has_answered(survey: SurveyPage, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SurveyResponse.objects.filter(page=survey, user=user).exists()


def may_see_answers(user, survey: SurveyPage) -> bool:
    """Staff of the survey's centre holding the permission to view responses (or superusers)."""
    centre = survey.centre
    return centre is not None and is_staff_for(user, VIEW_ANSWERS, centre)


def surveys_of(consultation) -> list[SurveyPage]:
    """Return the live, public surveys under a consultation, in the editors' order."""
    return list(SurveyPage.objects.child_of(consultation).live().public().order_by("path"))


def consultation_surveys(consultation) -> list[dict]:
    """Return each live survey of `consultation` with where it stands and whether its results
    are public (the consultation page's list, through the `mam_consultation_context` hook)."""
    return [
        {
            "page": survey,
            "sentence": state_sentence(survey),
            "open": survey_state(survey) == OPEN,
            "results_url": survey.url + survey.reverse_subpage("survey_results")
            if results_visible(survey)
            else "",
        }
        for survey in surveys_of(consultation)
    ]


def survey_summaries(consultation) -> list[dict]:
    """Each live survey of `consultation` for the council report: its title, number of
    responses and per question the chart rows (or, for text, only how many answered)."""
    return [
        {
            "title": survey.title,
            "responses": response_count(survey),
            "questions": [
                {"text": item.question.label, "rows": item.rows, "answers_count": item.answered}
                for item in survey_summary(survey)
            ],
        }
        for survey in surveys_of(consultation)
    ]


def open_surveys(root, by_path: dict, now: datetime.datetime, url) -> tuple[list, list]:
    """The surveys open now under `root` for "open now" (consultations.selectors.open_now,
    through the `mam_open_now` hook), and the moments they open or close.

    `by_path` holds the live, public consultations by their path; a survey under any other
    is left out. Two queries: the view restrictions and the pages.
    """
    items: list[consultation_selectors.OpenItem] = []
    boundaries: list[datetime.datetime] = []
    surveys = SurveyPage.objects.descendant_of(root).live().public().order_by("path")
    for survey in surveys:
        consultation = by_path.get(survey.path[: -survey.steplen])
        if consultation is None:  # under a consultation that is not live or public
            continue
        survey.__dict__["consultation"] = consultation
        opens, closes = survey_window(survey)
        boundaries += [moment for moment in (opens, closes) if moment is not None]
        if survey_state(survey, now) != OPEN:
            continue
        items.append(
            consultation_selectors.OpenItem(
                consultation_selectors.SURVEY,
                survey,
                consultation,
                state_sentence(survey, now),
                url(survey),
                closes or now.replace(year=datetime.MAXYEAR),
            )
        )
    return items, boundaries
