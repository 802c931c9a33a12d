"""Who may answer a survey: the consultation's one rule (consultations.participation) for the
person, then the survey's own dates and its one answer each."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from consultations import participation
from surveys import selectors
from surveys.models import SurveyPage


def _survey_message(code: str, consultation, action: str) -> str:
    if code == participation.LOGIN:
        return _("Sign in or create an account to answer the survey.")
    if code == participation.BLOCKED:
        return _("Your account is blocked, so you cannot answer the survey.")
    if code == participation.EMAIL:
        return _(
            "Confirm your email address first: open the link we sent you, then you can "
            "answer the survey."
        )
    return _(
        "Only verified residents of %(town)s may answer. Confirm that you live there "
        "(at the centre or online), then you can answer the survey."
    ) % {"town": participation.town(consultation)}


def survey_decision(
    survey: SurveyPage, user, now: datetime.datetime | None = None
) -> participation.Decision:
    """Decide whether `user` may answer `survey` now: the survey open, then the person as for
    the consultation's other actions, then no earlier response ("answered")."""
    if selectors.survey_state(survey, now) != selectors.OPEN:
        return participation.Decision(
            False, selectors.state_sentence(survey, now) + ".", code=participation.PHASE
        )
    decision = participation.person_decision(
        user, survey.consultation, "survey", words=_survey_message
    )
    if not decision:
        return decision
    if selectors.has_answered(survey, user):
        return participation.Decision(
            False, _("You have already answered this survey."), code=participation.ANSWERED
        )
    return participation.ALLOWED
