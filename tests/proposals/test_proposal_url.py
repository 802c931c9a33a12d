"""One address per proposal (Proposal.get_absolute_url) and one sub-URL helper per consultation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from tests.factories_proposals import ProposalFactory, open_consultation
from tests.proposals.test_admin_proposals import staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="discussion")


def test_get_absolute_url_opens_the_proposal_page(client, consultation):
    proposal = ProposalFactory(consultation=consultation, title="Ławki w parku")
    assert proposal.get_absolute_url() == f"{consultation.url}propozycje/{proposal.pk}/"
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    assert "Ławki w parku" in response.text


def test_sub_url_gives_the_consultation_own_views(consultation):
    assert consultation.sub_url("vote") == consultation.url + "glosowanie/"
    assert consultation.sub_url("proposal_edit", pk=7) == consultation.url + "propozycje/7/edytuj/"
    assert consultation.sub_url("results", base="/x/") == "/x/wyniki/"


def test_admin_listing_offers_view_live_for_a_visible_proposal(client, consultation):
    visible = ProposalFactory(consultation=consultation)
    hidden = ProposalFactory(consultation=consultation, hidden_at=timezone.now())
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    html = client.get(reverse("mam_proposals:index")).text
    assert f'href="{visible.get_absolute_url()}"' in html
    assert f'href="{hidden.get_absolute_url()}"' not in html
