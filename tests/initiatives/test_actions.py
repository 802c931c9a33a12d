"""Actions with dates and results, the outcome when it ends, links to proposals both ways."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from consultations.participation import NotAllowed
from initiatives.models import Initiative
from initiatives.services import actions
from proposals.models import Proposal
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory
from tests.initiatives.helpers import centre_with_index, resident, running, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def test_leader_records_an_action_with_its_result(client, initiative):
    actions.action_record(
        initiative=initiative,
        user=initiative.started_by,
        kind="letter",
        title="Pismo do prezydenta miasta",
        date=datetime.date(2026, 11, 20),
        result="Odpowiedź: sprawa w urzędzie.",
    )
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Pismo do prezydenta miasta" in page
    assert "Odpowiedź: sprawa w urzędzie." in page


def test_ending_needs_the_outcome_in_words(initiative):
    with pytest.raises(ValidationError):
        actions.initiative_end(
            initiative=initiative, user=initiative.started_by, outcome="achieved", outcome_text=""
        )


def test_coordinator_ends_with_an_outcome(client, initiative):
    actions.initiative_end(
        initiative=initiative,
        user=initiative.started_by,
        outcome=Initiative.Outcome.PARTLY,
        outcome_text="Posadzono 6 drzew z 10.",
    )
    initiative.refresh_from_db()
    assert initiative.state == Initiative.State.ENDED
    assert "Posadzono 6 drzew z 10." in client.get(initiative.get_absolute_url()).content.decode()


def test_ended_initiative_takes_no_new_actions(initiative):
    actions.initiative_end(
        initiative=initiative, user=initiative.started_by, outcome="achieved", outcome_text="Jest!"
    )
    with pytest.raises(NotAllowed):
        actions.action_record(
            initiative=initiative,
            user=initiative.started_by,
            kind="meeting",
            title="Spotkanie",
            date=datetime.date(2026, 12, 1),
        )


def _consultation(centre, current):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current=current)


def test_initiative_becomes_a_proposal_in_an_open_consultation(client, initiative):
    consultation = _consultation(initiative.centre, "proposals")
    proposal = actions.initiative_to_proposal(
        initiative=initiative, user=initiative.started_by, consultation=consultation
    )
    initiative.refresh_from_db()
    assert initiative.proposal == proposal
    assert proposal.title == initiative.title
    assert proposal.get_absolute_url() in client.get(initiative.get_absolute_url()).content.decode()


def test_consultation_of_another_centre_is_refused(home_page, initiative):
    other_centre, _index = centre_with_index(home_page)
    with pytest.raises(NotAllowed):
        actions.initiative_to_proposal(
            initiative=initiative,
            user=initiative.started_by,
            consultation=_consultation(other_centre, "proposals"),
        )


def test_initiative_continues_a_rejected_proposal(home_page):
    centre, index = centre_with_index(home_page)
    consultation = _consultation(centre, "results")
    rejected = ProposalFactory(consultation=consultation, status=Proposal.Status.REJECTED)
    initiative = started(index, resident(centre), origin_proposal=rejected)
    assert list(rejected.initiatives_started_from.all()) == [initiative]


def test_only_a_rejected_proposal_can_be_continued(home_page):
    centre, index = centre_with_index(home_page)
    accepted = ProposalFactory(
        consultation=_consultation(centre, "results"), status=Proposal.Status.ACCEPTED
    )
    with pytest.raises(ValidationError):
        started(index, resident(centre), origin_proposal=accepted)
