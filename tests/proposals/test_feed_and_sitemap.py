"""The sitemap lists consultations and findable proposals; each consultation has an Atom feed."""

import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from proposals.models import Proposal
from proposals.services import status
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://127.0.0.1:8831"


@pytest.fixture(autouse=True)
def served_elsewhere(settings):
    settings.MAM_SITE_URL = SITE


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="discussion")


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_sitemap_lists_the_consultation_and_its_visible_proposal(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    locations = sitemap_locations(client)
    assert SITE + consultation.url in locations
    assert SITE + proposal.get_absolute_url() in locations


def test_sitemap_leaves_out_hidden_and_withdrawn_proposals(client, consultation):
    hidden = ProposalFactory(consultation=consultation, hidden_at=timezone.now())
    withdrawn = ProposalFactory(consultation=consultation, status=Proposal.Status.WITHDRAWN)
    locations = sitemap_locations(client)
    assert SITE + hidden.get_absolute_url() not in locations
    assert SITE + withdrawn.get_absolute_url() not in locations


def test_sitemap_leaves_out_proposals_of_a_restricted_consultation(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    PageViewRestriction.objects.create(page=consultation, restriction_type="login")
    assert SITE + proposal.get_absolute_url() not in sitemap_locations(client)


def test_sitemap_leaves_out_proposals_of_an_unpublished_consultation(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    consultation.unpublish()
    assert SITE + proposal.get_absolute_url() not in sitemap_locations(client)


def feed_entries(client, consultation):
    response = client.get(consultation.url + "kanal/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return [
        (entry.findtext(f"{ATOM}title"), entry.find(f"{ATOM}link").get("href"))
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_feed_has_new_proposals_and_status_changes_newest_first(client, consultation):
    from accounts import roles

    proposal = ProposalFactory(consultation=consultation, title="Ławki przy stawie")
    official = UserFactory()
    official.groups.add(roles.centre_groups_ensure(consultation.centre)[roles.OFFICIAL])
    status.status_change(
        proposal=proposal, status="under_review", answer="Sprawdzamy.", by=official
    )
    entries = feed_entries(client, consultation)
    link = SITE + proposal.get_absolute_url()
    assert len(entries) == 2
    assert entries[0][1] == link + "#historia"
    assert "Ławki przy stawie" in entries[0][0]
    assert entries[1][1] == link


def test_feed_leaves_out_hidden_proposals(client, consultation):
    ProposalFactory(consultation=consultation, title="Ukryta", hidden_at=timezone.now())
    assert feed_entries(client, consultation) == []


def test_consultation_page_links_its_feed(client, consultation):
    html = client.get(consultation.url).text
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert f'href="{consultation.url}kanal/"' in html


def test_news_feed_links_are_at_the_configured_address(client, home_page):
    from tests.factories import CentrePageFactory, NewsIndexPageFactory, NewsPageFactory

    index = NewsIndexPageFactory(parent=CentrePageFactory(parent=home_page))
    item = NewsPageFactory(parent=index, title="Dzień wolontariatu")
    feed = ET.fromstring(client.get(index.url + "kanal/").content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert links == [SITE + item.url]


def test_feed_of_a_restricted_consultation_is_not_served_to_anonymous_visitors(
    client, consultation
):
    ProposalFactory(consultation=consultation, title="Tajna propozycja")
    PageViewRestriction.objects.create(page=consultation, restriction_type="login")
    response = client.get(consultation.url + "kanal/")
    assert response.status_code == 302
    assert "Tajna propozycja" not in response.text
