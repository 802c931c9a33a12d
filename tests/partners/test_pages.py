"""The centre's partners at `<centre>/partnerzy/`, a partner's page with only the contacts it
agreed to show and its upcoming activities; lists in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.test_pages import soon
from tests.factories_events import activity
from tests.factories_partners import PartnerFactory, index_of, partner_url

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_directory_lists_the_centres_partners(client, partner, other_centre):
    PartnerFactory(centre=other_centre, name="Klub Seniora Chrzanów")
    text = client.get(index_of(partner.centre).url).text
    assert "Stowarzyszenie Sąsiedzi" in text and "Klub Seniora Chrzanów" not in text


def test_unlisted_partner_is_not_shown(client, centre):
    hidden = PartnerFactory(centre=centre, name="Grupa w przygotowaniu", listed=False)
    assert "Grupa w przygotowaniu" not in client.get(index_of(centre).url).text
    assert client.get(partner_url(hidden)).status_code == 404


def test_partner_page_shows_only_the_contacts_it_agreed_to(client, partner):
    text = client.get(partner_url(partner)).text
    assert "kontakt@example.org" in text  # email_public
    assert "+48 18 000 00 00" not in text and "ul. Długa 1" not in text


def test_partner_page_without_public_contacts_sends_people_to_the_desk(client, centre):
    quiet = PartnerFactory(centre=centre, name="Grupa nieformalna")
    index_of(centre)
    text = client.get(partner_url(quiet)).text
    assert "kontakt@example.org" not in text
    assert "recepcji" in text or "desk" in text


def test_partner_page_lists_its_upcoming_activities(client, partner, centre):
    activity(centre, title="Porady prawne", partner=partner, starts_at=soon(3))
    activity(centre, title="Cudze warsztaty", starts_at=soon(3))
    text = client.get(partner_url(partner)).text
    assert "Porady prawne" in text and "Cudze warsztaty" not in text


def test_partner_of_another_centre_is_not_found_here(client, partner, other_centre):
    foreign = PartnerFactory(centre=other_centre)
    assert client.get(f"{index_of(partner.centre).url}{foreign.pk}/").status_code == 404


def test_activity_page_links_to_its_partner(client, partner, centre):
    page = activity(centre, partner=partner, organiser="partner", starts_at=soon(3))
    assert partner_url(partner) in client.get(page.url).text


def test_directory_costs_the_same_queries_with_one_or_many_partners(client, partner, centre):
    url = index_of(centre).url
    one = queries(client, url)
    for _ in range(4):
        PartnerFactory(centre=centre)
    assert queries(client, url) == one


def test_partner_page_costs_the_same_queries_with_few_or_many_activities(client, partner, centre):
    activity(centre, partner=partner, starts_at=soon(3))
    few = queries(client, partner_url(partner))
    for day in range(4, 8):
        activity(centre, partner=partner, starts_at=soon(day) + datetime.timedelta(hours=1))
    assert queries(client, partner_url(partner)) == few
