"""Ballots under parallel requests on PostgreSQL: one ballot per person, budgets kept.

Real threads, each with its own database connection, in real transactions.
"""

from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db.models import Sum

from tests.concurrency import run_in_threads
from tests.factories import UserFactory
from tests.factories_voting import Method, voting_consultation
from voting.models import Ballot, BallotChoice, Participation
from voting.services import voting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

COSTS = [400, 300, 300, 200, 100]  # budget 700: many selections fit, many do not


def voters(count):
    users = UserFactory.create_batch(count)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


@pytest.fixture
def budget_vote(page_tree):
    return voting_consultation(page_tree, method=Method.BUDGET, costs=COSTS, budget=700)


def test_the_same_voter_casting_50_times_at_once_has_one_ballot(budget_vote):
    consultation, proposals = budget_vote
    (voter,) = voters(1)
    selections = [[proposals[i % 5].pk] for i in range(50)]
    calls = [
        (
            lambda ids=ids: voting.cast_ballot(
                user=voter, consultation=consultation, proposal_ids=ids
            )
        )
        for ids in selections
    ]
    errors = run_in_threads(calls, workers=50)
    assert errors == []
    assert Participation.objects.filter(consultation=consultation).count() == 1
    ballot = Ballot.objects.get(consultation=consultation)
    assert [[c.proposal_id for c in ballot.choices.all()]] in [[ids] for ids in selections]


def test_final_ballots_cast_50_times_at_once_keep_the_first_and_refuse_the_rest(page_tree):
    consultation, proposals = voting_consultation(
        page_tree, method=Method.APPROVAL, max_choices=1, ballots_final=True
    )
    (voter,) = voters(1)
    calls = [
        (
            lambda pk=proposals[i % 3].pk: voting.cast_ballot(
                user=voter, consultation=consultation, proposal_ids=[pk]
            )
        )
        for i in range(50)
    ]
    errors = run_in_threads(calls, workers=50)
    assert len(errors) == 49
    assert all(isinstance(error, ValidationError) for error in errors)
    assert Ballot.objects.filter(consultation=consultation).count() == 1
    assert BallotChoice.objects.filter(ballot__consultation=consultation).count() == 1


def test_50_parallel_budget_ballots_never_exceed_the_budget(budget_vote):
    consultation, proposals = budget_vote
    people = voters(50)
    # Every other voter asks for more than the budget allows (400 + 300 + 300 = 1000).
    fits = [proposals[0].pk, proposals[1].pk]  # 700
    too_much = [proposals[0].pk, proposals[1].pk, proposals[2].pk]
    calls = [
        (
            lambda user=user, ids=(too_much if i % 2 else fits): voting.cast_ballot(
                user=user, consultation=consultation, proposal_ids=ids
            )
        )
        for i, user in enumerate(people)
    ]
    errors = run_in_threads(calls, workers=50)
    assert len(errors) == 25
    assert all(getattr(error, "code", "") == "over_budget" for error in errors)
    assert Ballot.objects.filter(consultation=consultation).count() == 25
    assert Participation.objects.filter(consultation=consultation).count() == 25
    for ballot in Ballot.objects.filter(consultation=consultation):
        total = ballot.choices.aggregate(total=Sum("proposal__official_cost"))["total"]
        assert total <= Decimal(700)


def test_one_voter_changing_their_budget_ballot_in_parallel_stays_within_budget(budget_vote):
    consultation, proposals = budget_vote
    (voter,) = voters(1)
    options = [
        [proposals[0].pk, proposals[1].pk],  # 700
        [proposals[1].pk, proposals[2].pk, proposals[4].pk],  # 700
        [proposals[3].pk, proposals[4].pk],  # 300
        [proposals[0].pk, proposals[1].pk, proposals[2].pk],  # 1000: refused
    ]
    calls = [
        (
            lambda ids=options[i % 4]: voting.cast_ballot(
                user=voter, consultation=consultation, proposal_ids=ids
            )
        )
        for i in range(40)
    ]
    errors = run_in_threads(calls, workers=40)
    assert len(errors) == 10
    ballot = Ballot.objects.get(consultation=consultation)
    chosen = sorted(c.proposal_id for c in ballot.choices.all())
    assert chosen in [sorted(ids) for ids in options[:3]]
