"""Answering a survey: once per person, only while it is open and the person may take part."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from consultations import participation
from surveys.models import SurveyPage, SurveyResponse
from surveys.participation import survey_decision


class AlreadyAnswered(participation.NotAllowed):
    """The person has a response to this survey already (the database says so too)."""


def survey_response_submit(*, survey: SurveyPage, user, answers: dict) -> SurveyResponse:
    """Store `user`'s answers (a valid form's cleaned_data) to `survey`.

    Raises NotAllowed (with the decision) when they may not answer now, and AlreadyAnswered
    when they did before, also when two requests race: the unique constraint on (page, user)
    decides.
    """
    decision = survey_decision(survey, user)
    if decision.code == participation.ANSWERED:
        raise AlreadyAnswered(decision)
    if not decision:
        raise participation.NotAllowed(decision)
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(page=survey, user=user, form_data=answers)
    except IntegrityError as error:
        raise AlreadyAnswered(survey_decision(survey, user)) from error
