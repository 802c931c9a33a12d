"""Data for the API tests: two centres, an open consultation and one with published results."""

from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from consultations.models import Phase
from initiatives.models import InitiativeIndexPage
from proposals.models import Proposal
from tests.factories_proposals import (
    CommentFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)
from tests.factories_voting import voting_consultation
from tests.initiatives.petition_helpers import open_resolution
from voting.services.results import publish_results
from voting.services.voting import cast_ballot


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def resident(db):
    return confirmed_user(display_name="Anna")


@pytest.fixture
def token_api(resident):
    """A client that signs its requests with the resident's token, as a script would."""
    token = Token.objects.create(user=resident)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def consultation(home_page):
    """A consultation in its proposals phase with two categories."""
    return open_consultation(home_page, current="proposals", categories=["Zieleń", "Drogi"])


def place(consultation, *, lat="49.625000", lon="20.691000", **kwargs):
    return ProposalFactory(
        consultation=consultation, latitude=Decimal(lat), longitude=Decimal(lon), **kwargs
    )


@pytest.fixture
def published(home_page):
    """A finished approval vote with two ballots and its results published."""
    consultation, proposals = voting_consultation(home_page)
    for choice in (proposals[:1], proposals[:2]):
        ids = [proposal.pk for proposal in choice]
        cast_ballot(user=confirmed_user(), consultation=consultation, proposal_ids=ids)
    Phase.objects.filter(consultation=consultation, kind="voting").update(
        closed_early_at=timezone.now()
    )
    official = confirmed_user()
    official.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    publish_results(consultation=consultation, by=official)
    return consultation, proposals


@pytest.fixture
def api_data(consultation, published):
    """Enough of everything for every endpoint to have something to answer."""
    categories = list(consultation.categories.all())
    shown = place(consultation, category=categories[0], title="Ławki w parku")
    place(consultation, lat="49.700000", lon="20.800000", title="Nowe drzewa")
    ProposalFactory(consultation=consultation, status=Proposal.Status.UNDER_REVIEW)
    place(consultation, hidden_at=timezone.now(), title="Ukryta propozycja")
    CommentFactory(proposal=shown, body="Widoczny komentarz")
    CommentFactory(proposal=shown, body="Ukryty komentarz", hidden_at=timezone.now())
    index = InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
    consultation.centre.add_child(instance=index)
    petition = open_resolution(index)
    return {
        "consultation": consultation,
        "proposal": shown,
        "published": published[0],
        "petition": petition,
    }
