"""Residents' initiatives and what hangs off them: members, needs, updates, actions.

The centre's InitiativeIndexPage (…/inicjatywy/) routes every public URL; the rows are plain
models that point at it. Counters (members, supporters, a need's sign-ups) are kept by the
services in the same transaction as the rows they count.

index: the index page and its routes; initiative: initiatives, photos, memberships;
activity: needs, sign-ups, updates, actions; local_terms and local_applications: the local
initiative (art. 19b–19h of the ustawa o działalności pożytku publicznego i o wolontariacie);
petitions: petitions and the citizens' resolution initiative.
"""

from initiatives.models.activity import Action, Need, NeedSignUp, Update
from initiatives.models.index import InitiativeIndexPage
from initiatives.models.initiative import (
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Initiative,
    InitiativePhoto,
    InitiativeQuerySet,
    Membership,
)
from initiatives.models.local_applications import (
    ContributionKind,
    ContributionLine,
    ContributionPledge,
    CostLine,
    CriterionScore,
    LocalInitiativeApplication,
)
from initiatives.models.local_terms import MONEY, EvaluationCriterion, LocalInitiativeTerms
from initiatives.models.petitions import (
    CommitteeMember,
    Petition,
    PetitionRules,
    PetitionSupport,
    SheetCount,
    SignatureSheet,
)

__all__ = [
    "MONEY",
    "PLACE_MAX",
    "TEXT_MAX",
    "TITLE_MAX",
    "Action",
    "CommitteeMember",
    "ContributionKind",
    "ContributionLine",
    "ContributionPledge",
    "CostLine",
    "CriterionScore",
    "EvaluationCriterion",
    "Initiative",
    "InitiativeIndexPage",
    "InitiativePhoto",
    "InitiativeQuerySet",
    "LocalInitiativeApplication",
    "LocalInitiativeTerms",
    "Membership",
    "Need",
    "NeedSignUp",
    "Petition",
    "PetitionRules",
    "PetitionSupport",
    "SheetCount",
    "SignatureSheet",
    "Update",
]
