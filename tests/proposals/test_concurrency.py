"""Supports under parallel requests on PostgreSQL: every one counted, none twice.

Real threads, each with its own database connection, in real transactions.
"""

import pytest
from allauth.account.models import EmailAddress

from proposals.models import Proposal, Support
from proposals.services import engagement
from tests.concurrency import run_in_threads
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def proposal(page_tree):
    centre = CentrePageFactory(parent=page_tree, title="MAM Nowy Sącz", slug="nowy-sacz")
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(ConsultationPageFactory(parent=index), current="proposals")
    return ProposalFactory(consultation=consultation)


def residents(count):
    users = UserFactory.create_batch(count)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    return users


def test_supports_of_200_people_in_parallel_are_all_counted(proposal):
    users = residents(200)
    calls = [
        (lambda user=user: engagement.support_add(proposal=proposal, user=user)) for user in users
    ]
    errors = run_in_threads(calls, workers=40)
    assert errors == []
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert Support.objects.filter(proposal=proposal).count() == 200
    assert proposal.supports_count == 200


def test_one_person_supporting_20_times_at_once_counts_once(proposal):
    (user,) = residents(1)
    calls = [lambda: engagement.support_add(proposal=proposal, user=user)] * 20
    errors = run_in_threads(calls, workers=20)
    assert errors == []
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert Support.objects.filter(proposal=proposal, user=user).count() == 1
    assert proposal.supports_count == 1


def test_supporting_and_withdrawing_in_parallel_keeps_the_count_right(proposal):
    users = residents(30)
    for user in users[:15]:
        engagement.support_add(proposal=proposal, user=user)
    calls = [
        (lambda user=user: engagement.support_remove(proposal=proposal, user=user))
        for user in users[:15]
    ] + [
        (lambda user=user: engagement.support_add(proposal=proposal, user=user))
        for user in users[15:]
    ]
    errors = run_in_threads(calls, workers=30)
    assert errors == []
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.supports_count == Support.objects.filter(proposal=proposal).count() == 15


def test_an_officials_status_change_racing_the_authors_edit_loses_neither(proposal):
    from accounts import roles
    from proposals.services import status, submission

    author = proposal.author
    EmailAddress.objects.create(user=author, email=author.email, verified=True, primary=True)
    official = UserFactory()
    official.groups.add(roles.centre_groups_ensure(proposal.consultation.centre)[roles.OFFICIAL])
    calls = [
        lambda: status.status_change(
            proposal=proposal, status="under_review", answer="Sprawdzamy koszty.", by=official
        ),
        lambda: submission.proposal_edit(
            proposal=proposal,
            user=author,
            title="Nowe kosze przy przystanku Jagiellońska",
            body=proposal.body,
            place=proposal.place,
        ),
    ]
    errors = run_in_threads(calls, workers=2)
    assert errors == []
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == "under_review"
    assert proposal.title == "Nowe kosze przy przystanku Jagiellońska"
    assert proposal.status_changes.filter(status="under_review").exists()
