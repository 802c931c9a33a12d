"""Consultations' models: the pages and their parts (pages.py) and the vote (voting.py)."""

from consultations.models.exports import ExportJob
from consultations.models.pages import (
    BudgetPool,
    Category,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    VotingQuestion,
)
from consultations.models.voting import (
    Ballot,
    BallotChoice,
    BallotCorrection,
    Channel,
    Participation,
    ResultSnapshot,
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
    "Participation",
    "Phase",
    "ResultSnapshot",
    "VotingQuestion",
]
