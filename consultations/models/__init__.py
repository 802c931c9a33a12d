"""Consultations' models: the pages and their parts (pages.py); the vote lives in the `voting`
app, exports in `outcomes`, surveys in `surveys`."""

from consultations.models.pages import (
    BudgetPool,
    Category,
    ConsultationIndexPage,
    ConsultationPage,
    Phase,
    VotingQuestion,
)

__all__ = [
    "BudgetPool",
    "Category",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "VotingQuestion",
]
