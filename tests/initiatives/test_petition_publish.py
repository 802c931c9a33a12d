"""Publishing a petition goes through a page that says what publishing does (the text goes
public, the committee, the threshold) with "Publish" and "Back": only its POST publishes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Petition, PetitionRules
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import running
from tests.initiatives.petition_helpers import committee, draft, open_resolution

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(index):
    """A draft resolution with a committee of five, its coordinator signed in elsewhere."""
    initiative = running(index)
    committee(initiative)
    PetitionRules.objects.create(centre=index.centre, population=12_000)
    return draft(initiative)


def url(petition, name="petition_publish"):
    initiative = petition.initiative
    return initiative.index.sub_url(name, pk=initiative.pk)


def test_opening_the_publish_page_does_not_publish(client, ready):
    client.force_login(ready.initiative.started_by)
    assert client.get(url(ready)).status_code == 200
    assert Petition.objects.get().state == Petition.State.DRAFT


def test_the_publish_page_names_the_committee_and_the_threshold(client, ready):
    client.force_login(ready.initiative.started_by)
    text = client.get(url(ready), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert all(f"Członek Komitetu {n}" in text for n in range(1, 6))
    assert "signatures of 200 residents" in text


def test_the_publish_page_offers_publish_and_back_to_the_petition(client, ready):
    client.force_login(ready.initiative.started_by)
    text = client.get(url(ready), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<form class="form" method="post" action="{url(ready)}">' in text
    assert f'href="{url(ready, "petition")}">Back</a>' in text


def test_publishing_from_the_publish_page_opens_the_petition(client, ready):
    client.force_login(ready.initiative.started_by)
    response = client.post(url(ready))
    assert response.status_code == 302 and response["Location"] == url(ready, "petition")
    assert Petition.objects.get().state == Petition.State.OPEN


def test_the_petition_page_links_to_the_publish_page_instead_of_publishing(client, ready):
    client.force_login(ready.initiative.started_by)
    text = client.get(url(ready, "petition")).content.decode()
    assert f'<a class="button" href="{url(ready)}">' in text
    assert f'method="post" action="{url(ready)}"' not in text


def test_a_member_who_is_not_the_coordinator_may_not_open_the_publish_page(client, ready):
    member = ready.initiative.memberships.exclude(user=ready.initiative.started_by).first()
    client.force_login(member.user)
    assert client.get(url(ready)).status_code == 403


def test_the_anonymous_are_sent_to_sign_in_from_the_publish_page(client, ready):
    response = client.get(url(ready))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_publish_page_gives_the_reason_when_the_committee_is_too_small(client, index):
    petition = draft(running(index))
    client.force_login(petition.initiative.started_by)
    response = client.get(url(petition), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "committee of at least 5" in response.content.decode()


def test_the_publish_page_of_a_published_petition_leads_back_to_it(client, index):
    petition = open_resolution(index)
    client.force_login(petition.initiative.started_by)
    response = client.get(url(petition))
    assert response.status_code == 302 and response["Location"] == url(petition, "petition")


def test_a_resident_outside_the_group_finds_no_draft_to_publish(client, ready):
    client.force_login(confirmed_user())
    assert client.get(url(ready)).status_code == 404


def test_the_publish_page_reads_in_polish(client, ready):
    client.force_login(ready.initiative.started_by)
    text = client.get(url(ready), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Opublikować petycję?" in text and "publikacji nie można cofnąć" in text
    assert "Projekt wymaga podpisów 200 mieszkańców" in text


def _queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_the_publish_page_costs_the_same_queries_for_a_bigger_committee(client, index):
    small, big = running(index), running(index, title="Drugi komitet")
    committee(small, size=5)
    committee(big, size=9)
    small_url, big_url = url(draft(small)), url(draft(big))
    client.force_login(small.started_by)
    _queries(client, small_url)  # warms the caches every page shares
    first = _queries(client, small_url)
    client.force_login(big.started_by)
    _queries(client, big_url)
    assert _queries(client, big_url) == first
