"""A person's own support, follow and offer of help: one definition, read the same way by the
detail's query and by the one query added to a shared copy of the proposal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proposals import selectors
from proposals.models import Follow, Pledge, Support
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db

FIELDS = ("user_supports", "user_follows", "user_pledge_id", "user_pledge_note")


@pytest.fixture
def engaged(home_page):
    """A proposal, a resident, and a way to give them any mix of support, follow and help."""
    consultation = open_consultation(home_page, current="proposals")
    proposal = ProposalFactory(consultation=consultation)
    resident = confirmed_user()
    # Someone else's engagement must never be read as the resident's.
    other = confirmed_user()
    Support.objects.create(proposal=proposal, user=other)
    Follow.objects.create(proposal=proposal, user=other)
    Pledge.objects.create(proposal=proposal, user=other, note="Nie moja pomoc.")

    def engage(*, supports: bool, follows: bool, pledges: bool):
        if supports:
            Support.objects.create(proposal=proposal, user=resident)
        if follows:
            Follow.objects.create(proposal=proposal, user=resident)
        if pledges:
            Pledge.objects.create(proposal=proposal, user=resident, note="Przyniosę grabie.")
        return consultation, proposal, resident

    return engage


@pytest.mark.parametrize("supports", [True, False])
@pytest.mark.parametrize("follows", [True, False])
@pytest.mark.parametrize("pledges", [True, False])
def test_own_engagement_of_a_shared_copy_equals_the_detail_queries_annotations(
    engaged, supports, follows, pledges
):
    consultation, proposal, resident = engaged(supports=supports, follows=follows, pledges=pledges)
    annotated = selectors.proposal_detail(consultation, proposal.pk, user=resident)
    shared = selectors.shared_proposal_detail(consultation, proposal.pk)
    with CaptureQueriesContext(connection) as captured:
        selectors.add_own_engagement(shared, resident)
    assert len(captured) == 1
    assert [getattr(shared, field) for field in FIELDS] == [
        getattr(annotated, field) for field in FIELDS
    ]
    assert (shared.user_supports, shared.user_follows) == (supports, follows)
    assert (shared.user_pledge_note == "Przyniosę grabie.") is pledges


def test_the_compiled_query_reads_each_person_and_proposal_it_is_given(engaged):
    consultation, proposal, resident = engaged(supports=True, follows=False, pledges=False)
    other_proposal = ProposalFactory(consultation=consultation)
    for target, expected in ((proposal, True), (other_proposal, False)):
        copy = selectors.shared_proposal_detail(consultation, target.pk)
        selectors.add_own_engagement(copy, resident)
        assert copy.user_supports is expected
