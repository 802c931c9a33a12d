"""Consultations' models: the pages and their parts (pages.py) and
surveys (survey.py); the vote lives in the `voting` app, exports in `outcomes`."""

from consultations.models.pages import (
    BudgetPool,
    Category,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    VotingQuestion,
)
from consultations.models.survey import SurveyPage, SurveyQuestion, SurveyResponse

__all__ = [
    "BudgetPool",
    "Category",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "SurveyPage",
    "SurveyQuestion",
    "SurveyResponse",
    "VotingQuestion",
]
