"""Votes for tests: a consultation in its voting phase with accepted proposals on the ballot.

consultation, proposals = voting_consultation(home_page, method="budget", costs=[100, 200])
"""

from decimal import Decimal

from consultations.models import BudgetPool, ConsultationPage, VotingQuestion
from proposals.models import Proposal
from tests.factories_proposals import ProposalFactory, open_consultation

Method = ConsultationPage.VotingMethod


def voting_consultation(
    home_page,
    *,
    method: str = Method.APPROVAL,
    proposals: int = 3,
    costs=None,
    budget: int | str | Decimal = 1000,
    max_choices: int = 2,
    winners: int = 1,
    questions=(),
    current: str = "voting",
    **kwargs,
):
    """A published consultation with `current` phase running and accepted proposals.

    Returns (consultation, [proposals]) — proposals in creation order (ascending pk).
    """
    fields = {"voting_method": method} | kwargs
    if method == Method.APPROVAL:
        fields |= {"max_choices": max_choices, "winners_count": winners}
    if method == Method.BUDGET:
        fields["budget_amount"] = Decimal(budget)
    consultation = open_consultation(home_page, current=current, **fields)
    costs = list(costs) if costs is not None else [None] * proposals
    if len(costs) < proposals:
        costs += [None] * (proposals - len(costs))
    items = [
        ProposalFactory(
            consultation=consultation,
            status=Proposal.Status.ACCEPTED,
            official_cost=None if cost is None else Decimal(cost),
        )
        for cost in costs
    ]
    for position, text in enumerate(questions):
        VotingQuestion.objects.create(consultation=consultation, text=text, sort_order=position)
    return consultation, items


def district_pool(consultation, district, amount) -> BudgetPool:
    return BudgetPool.objects.create(
        consultation=consultation, district=district, amount=Decimal(amount)
    )


def vote_url(consultation) -> str:
    """The consultation's ballot page."""
    return consultation.url + consultation.reverse_subpage("vote")
