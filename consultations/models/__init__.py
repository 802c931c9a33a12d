"""Consultations' models: the pages and their parts (pages.py), the vote (voting.py) and
surveys (survey.py)."""

from consultations.models.exports import ExportJob
from consultations.models.pages import (
    BudgetPool,
    Category,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    VotingQuestion,
)
from consultations.models.paper import PaperEntry, PaperProtocol
from consultations.models.survey import SurveyPage, SurveyQuestion, SurveyResponse
from consultations.models.voting import (
    Ballot,
    BallotChoice,
    BallotCorrection,
    Channel,
    Participation,
    ResultFile,
    ResultSnapshot,
    TieDraw,
    counted_ballots,
)

__all__ = [
    "Ballot",
    "BallotChoice",
    "BallotCorrection",
    "BudgetPool",
    "Category",
    "Channel",
    "ExportJob",
    "ConsultationIndexPage",
    "ConsultationPage",
    "PaperEntry",
    "PaperProtocol",
    "Participation",
    "Phase",
    "ResultFile",
    "ResultSnapshot",
    "SurveyPage",
    "SurveyQuestion",
    "SurveyResponse",
    "TieDraw",
    "VotingQuestion",
    "counted_ballots",
]
