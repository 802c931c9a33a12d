"""What is on a ballot: the options with their costs and pools, and the questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils.functional import lazy

from consultations import counting_rules
from consultations.models import ConsultationPage
from home.ids import parse_id
from proposals.models import Proposal
from voting.tally import TOWN_POOL

Method = ConsultationPage.VotingMethod


@dataclass(frozen=True)
class Option:
    """A proposal on the ballot, with its cost and budget pool (participatory budget)."""

    proposal: object
    cost: Decimal | None
    pool: str
    pool_name: str

    @property
    def id(self) -> int:
        return self.proposal.pk


@dataclass(frozen=True)
class Pool:
    id: str
    name: str
    amount: Decimal
    district_id: int | None = None


@dataclass
class BallotPaper:
    """Everything a ballot form needs: the options grouped by pool, and the questions."""

    method: str
    options: list[Option]
    pools: list[Pool]
    questions: list = field(default_factory=list)
    max_choices: int | None = None
    # The regulamin's rules: points per place (the voter ranks), most per category/district.
    points: list[int] = field(default_factory=list)
    limits: dict = field(default_factory=dict)

    @property
    def option_ids(self) -> set[int]:
        return {option.id for option in self.options}

    def options_in(self, pool_id: str) -> list[Option]:
        return [option for option in self.options if option.pool == pool_id]


def town_pool_name(consultation: ConsultationPage) -> str:
    """The one name of the town-wide pool on the ballot, the results, the files and the API:
    the town's own name (as the published ballot file has always given it)."""
    return getattr(consultation.centre, "town", "") or consultation.title


def pools(consultation: ConsultationPage, *, name_when_shown: bool = False) -> list[Pool]:
    """The budget's pools: the town-wide amount, then one per district that has its own.

    `name_when_shown`: the town pool's name (which looks up the centre) is read only if a
    message prints it (a cast, which names the pool only when it refuses the selection).
    """
    if consultation.voting_method != Method.BUDGET:
        return []
    town = (
        lazy(town_pool_name, str)(consultation) if name_when_shown else town_pool_name(consultation)
    )
    result = [Pool(TOWN_POOL, town, consultation.budget_amount or Decimal(0))]
    for pool in consultation.budget_pools.select_related("district").order_by("sort_order"):
        result.append(
            Pool(f"district-{pool.district_id}", pool.district.name, pool.amount, pool.district_id)
        )
    return result


# The proposal fields a ballot shows or checks, with its category's name annotated as
# `category_name` (no Category instance per option); the rest of a proposal (description,
# location, moderation, authorship) is not read for every option of a large ballot.
OPTION_FIELDS = (
    "id",
    "consultation",
    "status",
    "title",
    "place",
    "official_cost",
    "district",
    "category",
)


def _proposal_ids(values) -> set[int]:
    """The ids among `values` that are whole numbers (others are never on a ballot)."""
    return {number for value in values if (number := parse_id(value)) is not None}


def ballot_paper(consultation: ConsultationPage, *, proposal_ids=None) -> BallotPaper:
    """Read what is on the ballot: accepted, visible proposals (with a cost for a budget).

    With `proposal_ids` (the ids a voter ticked) only those of them that are on the ballot are
    read: enough for `check_selection`, which looks only at the chosen options and the pools,
    so casting a ballot costs the same however many proposals the ballot lists.
    """
    method = consultation.voting_method
    pool_list = pools(consultation, name_when_shown=proposal_ids is not None)
    by_district = {pool.district_id: pool for pool in pool_list if pool.district_id}
    town = pool_list[0].name if pool_list else ""
    options = []
    questions = []
    if method in (Method.APPROVAL, Method.BUDGET):
        proposals = (
            Proposal.objects.visible()
            .filter(consultation=consultation, status=Proposal.Status.ACCEPTED)
            .only(*OPTION_FIELDS)
            .annotate(category_name=F("category__name"))
            .order_by("title", "pk")
        )
        if method == Method.BUDGET:
            proposals = proposals.filter(official_cost__isnull=False)
        if proposal_ids is not None:
            proposals = proposals.filter(pk__in=_proposal_ids(proposal_ids))
        for proposal in proposals:
            pool = by_district.get(proposal.district_id)
            options.append(
                Option(
                    proposal,
                    proposal.official_cost,
                    pool.id if pool else TOWN_POOL,
                    pool.name if pool else town,
                )
            )
    elif method == Method.QUESTION:
        questions = list(consultation.questions.order_by("sort_order", "pk"))
    rules = counting_rules.page_rules(consultation)
    return BallotPaper(
        method,
        options,
        pool_list,
        questions,
        consultation.max_choices,
        points=rules.get("points", []),
        limits=rules.get("limits", {}),
    )
