"""A proposal's page shows the initiative it became or that continues it (through the hook)."""

import pytest

from initiatives.services import actions, starting
from proposals.models import Proposal
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory
from tests.initiatives.helpers import centre_with_index, organiser, resident, running, started

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_copies(settings):
    settings.MAM_PAGE_CACHE = False


def _consultation(centre, current):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current=current)


def test_the_proposal_an_initiative_became_links_back_to_it(client, home_page):
    initiative = running(centre_with_index(home_page)[1])
    consultation = _consultation(initiative.centre, "proposals")
    proposal = actions.initiative_to_proposal(
        initiative=initiative, user=initiative.started_by, consultation=consultation
    )
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() in page


def test_a_rejected_proposal_shows_the_initiative_that_continues_it(client, home_page):
    centre, index = centre_with_index(home_page)
    rejected = ProposalFactory(
        consultation=_consultation(centre, "results"), status=Proposal.Status.REJECTED
    )
    initiative = started(index, resident(centre), origin_proposal=rejected)
    starting.initiative_approve(initiative=initiative, organiser=organiser(centre))
    page = client.get(rejected.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() in page


def test_a_waiting_initiative_is_not_shown_on_the_proposal(client, home_page):
    centre, index = centre_with_index(home_page)
    rejected = ProposalFactory(
        consultation=_consultation(centre, "results"), status=Proposal.Status.REJECTED
    )
    initiative = started(index, resident(centre), origin_proposal=rejected)
    page = client.get(rejected.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() not in page


def test_an_initiative_approved_after_the_proposal_was_seen_shows_at_once(
    client, home_page, django_capture_on_commit_callbacks
):
    centre, index = centre_with_index(home_page)
    rejected = ProposalFactory(
        consultation=_consultation(centre, "results"), status=Proposal.Status.REJECTED
    )
    initiative = started(index, resident(centre), origin_proposal=rejected)
    client.get(rejected.get_absolute_url())  # the section, empty, is now in the cache
    with django_capture_on_commit_callbacks(execute=True):
        starting.initiative_approve(initiative=initiative, organiser=organiser(centre))
    page = client.get(rejected.get_absolute_url()).content.decode()
    assert initiative.get_absolute_url() in page
