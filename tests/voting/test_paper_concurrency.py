"""Two staff members typing in the same paper ballot number at once: one ballot is kept;
two confirming the same card at once: one confirmation.

Real threads, each with its own database connection, in real transactions (PostgreSQL).
"""

import pytest
from django.core.exceptions import ValidationError

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.concurrency import run_in_threads
from tests.factories_voting import voting_consultation
from voting import paper_entry
from voting.models import Ballot, PaperEntry, Participation
from voting.services import voting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_number_entered_by_two_staff_at_once_makes_one_ballot(page_tree):
    consultation, (first, second, _third) = voting_consultation(page_tree)
    clerks = [staff(consultation.centre, roles.OFFICIAL) for _ in range(2)]
    calls = [
        (
            lambda clerk=clerk, proposal=proposal: voting.enter_paper_ballot(
                consultation=consultation,
                paper_number=42,
                by=clerk,
                proposal_ids=[proposal.pk],
                voter_name="Anna Nowak",
                voter_address="Lipowa 3",
            )
        )
        for clerk, proposal in zip(clerks, (first, second), strict=True)
    ]
    errors = run_in_threads(calls, workers=2)
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert Ballot.objects.filter(consultation=consultation, paper_number=42).count() == 1
    assert Participation.objects.filter(consultation=consultation, paper_number=42).count() == 1
    assert Ballot.objects.get(paper_number=42).choices.count() == 1


def test_two_staff_confirming_the_same_card_at_once_make_one_confirmation(page_tree):
    consultation, (first, _second, _third) = voting_consultation(page_tree)
    entering = staff(consultation.centre, roles.OFFICIAL)
    voting.enter_paper_ballot(
        consultation=consultation,
        paper_number=7,
        by=entering,
        proposal_ids=[first.pk],
        voter_name="Anna Nowak",
        voter_address="Lipowa 3",
    )
    clerks = [staff(consultation.centre, roles.OFFICIAL) for _ in range(2)]
    calls = [
        (
            lambda clerk=clerk: paper_entry.confirm_paper_ballot(
                consultation=consultation, paper_number=7, by=clerk, proposal_ids=[first.pk]
            )
        )
        for clerk in clerks
    ]
    errors = run_in_threads(calls, workers=2)
    assert len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].code == "confirmed"
    ballot = Ballot.objects.get(consultation=consultation, paper_number=7)
    assert ballot.confirmed_by in clerks
    assert PaperEntry.objects.filter(ballot=ballot).count() == 2  # the first and one confirmation
