"""Answering a survey: once per person, only while it is open and the person may take part."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from consultations import selectors_survey
from consultations.models.survey import SurveyPage, SurveyResponse


class AlreadyAnswered(PermissionDenied):
    """The person has a response to this survey already (the database says so too)."""


def survey_response_submit(*, survey: SurveyPage, user, answers: dict) -> SurveyResponse:
    """Store `user`'s answers (a valid form's cleaned_data) to `survey`.

    Raises PermissionDenied (with the reason) when they may not answer now, and
    AlreadyAnswered when they did before, also when two requests race: the unique constraint
    on (page, user) decides.
    """
    decision = selectors_survey.survey_decision(survey, user)
    if decision.code == "answered":
        raise AlreadyAnswered(decision.reason)
    if not decision:
        raise PermissionDenied(decision.reason)
    try:
        with transaction.atomic():
            return SurveyResponse.objects.create(page=survey, user=user, form_data=answers)
    except IntegrityError as error:
        raise AlreadyAnswered(str(error)) from error
