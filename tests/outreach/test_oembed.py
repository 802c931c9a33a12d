"""The oEmbed endpoint and the discovery links that announce it."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory
from tests.factories_events import activity, index_of
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, title="Budżet obywatelski 2027")


def oembed(client, url, **params):
    return client.get("/oembed/", {"url": url, **params})


def test_consultation_page_gives_a_rich_embed_with_an_iframe(client, consultation):
    response = oembed(client, SITE + consultation.url, format="json")
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "rich"
    assert data["version"] == "1.0"
    assert data["title"] == "Budżet obywatelski 2027"
    assert f'src="{SITE}/embed/konsultacja/{consultation.pk}/"' in data["html"]
    assert (data["width"], data["height"]) == (480, 360)


def test_proposal_page_gives_the_proposal_embed(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    response = oembed(client, SITE + proposal.get_absolute_url())
    assert f"/embed/propozycja/{proposal.pk}/" in response.json()["html"]


def test_activities_page_gives_the_centre_activities_embed(client, consultation):
    index = index_of(consultation.centre)
    response = oembed(client, SITE + index.url)
    assert f"/embed/wydarzenia/{consultation.centre.pk}/" in response.json()["html"]


def test_embed_url_itself_is_accepted(client, consultation):
    response = oembed(client, f"{SITE}/embed/konsultacja/{consultation.pk}/")
    assert response.status_code == 200


def test_maxwidth_and_maxheight_shrink_the_frame(client, consultation):
    data = oembed(client, SITE + consultation.url, maxwidth="300", maxheight="200").json()
    assert (data["width"], data["height"]) == (300, 200)
    assert 'width="300"' in data["html"]


def test_maxwidth_larger_than_the_embed_keeps_its_size(client, consultation):
    assert oembed(client, SITE + consultation.url, maxwidth="2000").json()["width"] == 480


@pytest.mark.parametrize("maxwidth", ["abc", "-5", "0", "1e3", "99999999999"])
def test_bad_maxwidth_is_a_bad_request(client, consultation, maxwidth):
    assert oembed(client, SITE + consultation.url, maxwidth=maxwidth).status_code == 400


def test_xml_format_is_not_implemented(client, consultation):
    assert oembed(client, SITE + consultation.url, format="xml").status_code == 501


def test_unknown_format_is_a_bad_request(client, consultation):
    assert oembed(client, SITE + consultation.url, format="yaml").status_code == 400


def test_missing_url_is_a_bad_request(client):
    assert client.get("/oembed/").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "http://testserver/nie-ma-takiej-strony/",
        "http://testserver/",
        "https://evil.example.com/embed/konsultacja/1/",
        "javascript:alert(1)",
        "http://testserver/embed/konsultacja/abc/",
        "nonsense",
    ],
)
def test_unknown_or_foreign_urls_are_not_found(client, consultation, url):
    assert oembed(client, url).status_code == 404


def test_other_sub_pages_of_a_consultation_are_not_embeddable(client, consultation):
    assert oembed(client, SITE + consultation.url + "propozycje/").status_code == 404


def test_restricted_consultation_is_not_found(client, consultation):
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.LOGIN
    )
    assert oembed(client, SITE + consultation.url).status_code == 404


def test_hidden_proposal_is_not_found(client, consultation):
    proposal = ProposalFactory(consultation=consultation, hidden_at=timezone.now())
    assert oembed(client, SITE + proposal.get_absolute_url()).status_code == 404


def test_consultation_page_announces_its_oembed(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert 'type="application/json+oembed"' in html
    assert "/oembed/?url=http%3A%2F%2Ftestserver" in html


def test_proposal_page_announces_its_oembed(client, consultation):
    proposal = ProposalFactory(consultation=consultation)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert f"propozycje%2F{proposal.pk}%2F" in html
    assert 'type="application/json+oembed"' in html


def test_activities_page_announces_its_oembed(client, consultation):
    centre = consultation.centre
    activity(centre, starts_at=timezone.now() + datetime.timedelta(days=1))
    html = client.get(index_of(centre).url).content.decode()
    assert 'type="application/json+oembed"' in html


def test_other_pages_announce_no_oembed(client, consultation):
    html = client.get(consultation.url + "propozycje/").content.decode()
    assert "json+oembed" not in html


def test_hidden_proposals_page_announces_nothing_of_it(client, consultation):
    proposal = ProposalFactory(
        consultation=consultation, title="Tajny tytuł", hidden_at=timezone.now()
    )
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "json+oembed" not in html


def _head(response) -> str:
    return response.content.decode().split("</head>")[0]


def test_hidden_proposals_head_says_nothing_of_it_to_its_author(client, consultation):
    author = confirmed_user()
    proposal = ProposalFactory(
        consultation=consultation, author=author, title="Tajny tytuł", hidden_at=timezone.now()
    )
    client.force_login(author)
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    assert response.context["head_proposal"] is None
    assert "json+oembed" not in _head(response)
    assert "Tajny tytuł" not in _head(response)


def test_hidden_proposals_head_says_nothing_of_it_to_staff(client, consultation):
    proposal = ProposalFactory(
        consultation=consultation, title="Tajny tytuł", hidden_at=timezone.now()
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(proposal.get_absolute_url())
    assert "json+oembed" not in _head(response)
    assert "Tajny tytuł" not in _head(response)


def test_withdrawn_proposals_page_announces_no_oembed(client, consultation):
    proposal = ProposalFactory(consultation=consultation, status="withdrawn")
    response = client.get(proposal.get_absolute_url())
    assert response.context["head_proposal"] is None
    assert "json+oembed" not in _head(response)


def test_public_proposals_head_names_it_for_discovery(client, consultation):
    proposal = ProposalFactory(consultation=consultation, title="Ławki w parku")
    response = client.get(proposal.get_absolute_url())
    assert response.context["head_proposal"] == proposal
    assert 'type="application/json+oembed"' in _head(response)
    assert 'title="Ławki w parku"' in _head(response)
