"""Consultations' models: the index page (index.py), the consultation page (pages.py, its
vote's settings in voting_rules.py) and its inline parts (parts.py); the vote lives in the
`voting` app, exports in `outcomes`, surveys in `surveys`."""

from consultations.models.index import ConsultationIndexPage
from consultations.models.pages import ConsultationPage
from consultations.models.parts import BudgetPool, Category, Phase, VotingQuestion

__all__ = [
    "BudgetPool",
    "Category",
    "ConsultationIndexPage",
    "ConsultationPage",
    "Phase",
    "VotingQuestion",
]
