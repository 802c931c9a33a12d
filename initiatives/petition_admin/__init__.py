"""Staff admin for petitions: the centre's petitions, sheet counts confirmed by two people,
the committee members met at the centre, filing with the council and its decision, and the
town's signature threshold. Every screen is scoped to the staff member's centres and every
write goes through initiatives.services.petitions (and into Wagtail's action log).

The package re-exports every name the single module had (`initiatives.petition_admin.X`).
"""

from initiatives.petition_admin.actions import (
    CommitteeForm,
    CommitteeView,
    PetitionActionView,
    SheetCountForm,
    SheetCountView,
)
from initiatives.petition_admin.council import (
    DateInput,
    DecideForm,
    DecideView,
    ExtendForm,
    ExtendView,
    FileForm,
    FileView,
)
from initiatives.petition_admin.listing import (
    BELOW_THRESHOLD,
    CHANGE,
    PETITION_LOG_ACTIONS,
    VIEW,
    PetitionFilterSet,
    PetitionHistoryView,
    PetitionIndexView,
)
from initiatives.petition_admin.rules import RulesForm, RulesView
from initiatives.petition_admin.viewset import PetitionAdminViewSet

__all__ = [
    "BELOW_THRESHOLD",
    "CHANGE",
    "PETITION_LOG_ACTIONS",
    "VIEW",
    "CommitteeForm",
    "CommitteeView",
    "DateInput",
    "DecideForm",
    "DecideView",
    "ExtendForm",
    "ExtendView",
    "FileForm",
    "FileView",
    "PetitionActionView",
    "PetitionAdminViewSet",
    "PetitionFilterSet",
    "PetitionHistoryView",
    "PetitionIndexView",
    "RulesForm",
    "RulesView",
    "SheetCountForm",
    "SheetCountView",
]
