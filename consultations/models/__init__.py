"""Consultations' models: the pages and their parts (pages.py), exports (exports.py) and
surveys (survey.py); the vote lives in the `voting` app."""

from consultations.models.exports import ExportJob
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
    "ExportJob",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "SurveyPage",
    "SurveyQuestion",
    "SurveyResponse",
    "VotingQuestion",
]
