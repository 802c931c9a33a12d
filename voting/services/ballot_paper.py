"""What is on a ballot (the options, pools and questions) and checking a voter's selection
against it: the same rules for online ballots, paper ballots and the API."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consultations import counting_rules
from consultations.models import ConsultationPage
from home.ids import parse_id
from proposals.models import Proposal
from voting.models import (
    BallotChoice,
)
from voting.tally import TOWN_POOL

Method = ConsultationPage.VotingMethod
Answer = BallotChoice.Answer

# --- What is on the ballot -------------------------------------------------------------------


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


# --- Checking a selection ----------------------------------------------------------------------


def _pln(amount: Decimal) -> str:
    return _("%(amount)s zł") % {"amount": number_format(amount, 2, force_grouping=True)}


def check_selection(
    paper: BallotPaper, proposal_ids, answers: dict | None = None
) -> list[BallotChoice]:
    """Return the unsaved choices for a valid selection, or raise ValidationError saying why."""
    method = paper.method
    if not method:
        raise ValidationError(_("There is no vote in this consultation."))
    if method == Method.QUESTION:
        return _answer_choices(paper, answers or {})
    in_order = _chosen_proposal_ids(paper, proposal_ids)
    wanted = set(in_order)
    chosen = [option for option in paper.options if option.id in wanted]
    check_limits(paper, chosen)
    if method == Method.BUDGET:
        check_budget(paper, chosen)
    if paper.points:
        by_id = {option.id: option for option in chosen}
        return [
            BallotChoice(proposal=by_id[pk].proposal, rank=place)
            for place, pk in enumerate(in_order, start=1)
        ]
    return [BallotChoice(proposal=option.proposal) for option in chosen]


def _answer_choices(paper: BallotPaper, answers: dict) -> list[BallotChoice]:
    """Return one choice per question, or raise ValidationError naming the unanswered ones."""
    choices = []
    missing = []
    for question in paper.questions:
        answer = answers.get(question.pk) or answers.get(str(question.pk))
        if answer not in Answer.values:
            missing.append(question.text)
            continue
        choices.append(BallotChoice(question=question, answer=answer))
    if missing:
        raise ValidationError(
            _("Answer every question (you may abstain): %(questions)s")
            % {"questions": "; ".join(missing)},
            code="unanswered",
        )
    return choices


def _chosen_proposal_ids(paper: BallotPaper, proposal_ids) -> list[int]:
    """Return the chosen proposal ids in the voter's order, or raise ValidationError when
    they are unknown, repeated on a points ballot, none, or more than the ballot allows."""
    in_order = [parse_id(pk) for pk in proposal_ids]
    wanted = set(in_order)
    if None in wanted:
        raise ValidationError(_("Choose proposals from the list."), code="unknown")
    if paper.points and len(wanted) < len(in_order):
        raise ValidationError(
            _("Each proposal may take one place only: choose different proposals."),
            code="repeated",
        )
    if not wanted:
        raise ValidationError(_("Choose at least one proposal."), code="empty")
    unknown = wanted - paper.option_ids
    if unknown:
        raise ValidationError(
            _("Some of the chosen proposals are not on this ballot."), code="unknown"
        )
    if paper.method == Method.APPROVAL and paper.max_choices and len(wanted) > paper.max_choices:
        raise ValidationError(
            ngettext(
                "You may choose at most %(count)d proposal.",
                "You may choose at most %(count)d proposals.",
                paper.max_choices,
            )
            % {"count": paper.max_choices},
            code="too_many",
        )
    return in_order


def check_budget(paper: BallotPaper, chosen: list[Option]) -> None:
    """Raise ValidationError when the chosen proposals span two districts or cost more than
    a pool holds."""
    district_pools = {option.pool for option in chosen if option.pool != TOWN_POOL}
    if len(district_pools) > 1:
        raise ValidationError(
            _("You may choose proposals from one district only (and from the whole town)."),
            code="districts",
        )
    for pool in paper.pools:
        total = sum((option.cost for option in chosen if option.pool == pool.id), Decimal(0))
        if total > pool.amount:
            raise ValidationError(
                _(
                    "The chosen proposals in “%(pool)s” cost %(total)s, more than the "
                    "%(amount)s available. Remove one and try again."
                )
                % {"pool": pool.name, "total": _pln(total), "amount": _pln(pool.amount)},
                code="over_budget",
            )


def check_limits(paper: BallotPaper, chosen: list[Option]) -> None:
    """Raise ValidationError when more proposals of one category or district are chosen than
    the regulamin allows (the same rule tally.py applies to the published ballots)."""
    most = paper.limits.get("category")
    if most:
        counts = Counter(o.proposal.category_id for o in chosen if o.proposal.category_id)
        for category_id, count in counts.items():
            if count > most:
                name = next(
                    o.proposal.category_name
                    for o in chosen
                    if o.proposal.category_id == category_id
                )
                raise ValidationError(
                    ngettext(
                        "You may choose at most %(count)d proposal in the category “%(name)s”.",
                        "You may choose at most %(count)d proposals in the category “%(name)s”.",
                        most,
                    )
                    % {"count": most, "name": name},
                    code="limit",
                )
    most = paper.limits.get("district")
    if most:
        counts = Counter(o.proposal.district_id for o in chosen if o.proposal.district_id)
        if any(count > most for count in counts.values()):
            raise ValidationError(
                ngettext(
                    "You may choose at most %(count)d proposal in one district.",
                    "You may choose at most %(count)d proposals in one district.",
                    most,
                )
                % {"count": most},
                code="limit",
            )
