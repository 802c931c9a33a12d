"""Staff admin for local initiative applications: the listing with the evaluation's total, and
the screens where the centre's organiser records the town's evaluation and decision.

The package re-exports every name the single module had (`initiatives.local_admin.X`).
"""

from initiatives.local_admin.actions import DecisionView, EvaluationView, TermsView
from initiatives.local_admin.forms import MAX_POINTS, DecisionForm, EvaluationForm, TermsForm
from initiatives.local_admin.listing import (
    CHANGE,
    VIEW,
    ApplicationFilterSet,
    ApplicationHistoryView,
    ApplicationIndexView,
    OrganiserPolicy,
)
from initiatives.local_admin.viewset import LocalApplicationAdminViewSet

__all__ = [
    "CHANGE",
    "MAX_POINTS",
    "VIEW",
    "ApplicationFilterSet",
    "ApplicationHistoryView",
    "ApplicationIndexView",
    "DecisionForm",
    "DecisionView",
    "EvaluationForm",
    "EvaluationView",
    "LocalApplicationAdminViewSet",
    "OrganiserPolicy",
    "TermsForm",
    "TermsView",
]
