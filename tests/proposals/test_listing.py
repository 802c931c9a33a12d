"""The list of proposals: filters, search, sorting, pagination, cards, query counts, escaping."""

import html
import re

import pytest

from home.models import District
from proposals import selectors
from proposals.models import Proposal
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, ProposalPhotoFactory, open_consultation

pytestmark = pytest.mark.django_db
XSS = '<script>alert("x")</script>'


def list_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_list")


def titles(response):
    """The cards' titles as shown (the cards may come from the shared fragment's cache)."""
    cards = re.findall(r'<a class="card__link" href="[^"]*">([^<]*)</a>', response.content.decode())
    return [html.unescape(title) for title in cards]


def test_list_shows_cards_with_category_photo_and_counts(client, home_page):
    consultation = open_consultation(home_page, categories=["Zieleń"])
    proposal = ProposalFactory(
        consultation=consultation,
        category=consultation.categories.get(),
        supports_count=7,
        comments_count=3,
    )
    ProposalPhotoFactory(proposal=proposal, alt_text="Stary plac zabaw")
    html = client.get(list_url(consultation)).content.decode()
    assert proposal.title in html
    assert "Zieleń" in html
    assert 'alt="Stary plac zabaw"' in html
    assert "7 supports" in html or "7 poparć" in html or ">7" in html


def test_hidden_proposals_are_not_listed(client, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Ukryta", hidden_at="2026-01-01T00:00Z")
    ProposalFactory(consultation=consultation, title="Widoczna")
    assert titles(client.get(list_url(consultation))) == ["Widoczna"]


def test_filter_by_category(client, home_page):
    consultation = open_consultation(home_page, categories=["Zieleń", "Drogi"])
    green, roads = (
        consultation.categories.order_by("name")[1],
        consultation.categories.order_by("name")[0],
    )
    ProposalFactory(consultation=consultation, title="Drzewa", category=green)
    ProposalFactory(consultation=consultation, title="Chodnik", category=roads)
    response = client.get(list_url(consultation), {"category": green.pk})
    assert titles(response) == ["Drzewa"]


def test_filter_by_status(client, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="A", status=Proposal.Status.ACCEPTED)
    ProposalFactory(consultation=consultation, title="B")
    assert titles(client.get(list_url(consultation), {"status": "accepted"})) == ["A"]


def test_unknown_filter_values_are_ignored_not_500(client, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation)
    response = client.get(
        list_url(consultation), {"category": "x", "status": "zzz", "sort": "evil", "page": "-1"}
    )
    assert response.status_code == 200


def test_search_finds_words_in_title_and_body(client, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="Ławki w parku", body="Siedzenie.")
    ProposalFactory(consultation=consultation, title="Kosze", body="Brud w Parku.")
    ProposalFactory(consultation=consultation, title="Autobus", body="Linia 5.")
    response = client.get(list_url(consultation), {"q": "parku"})
    assert sorted(titles(response)) == ["Kosze", "Ławki w parku"]


def test_sort_by_most_supported_and_most_discussed(home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title="few", supports_count=1, comments_count=9)
    ProposalFactory(consultation=consultation, title="many", supports_count=9, comments_count=1)
    supported = selectors.proposal_list(consultation, sort="supported")
    discussed = selectors.proposal_list(consultation, sort="discussed")
    assert [p.title for p in supported] == ["many", "few"]
    assert [p.title for p in discussed] == ["few", "many"]


def test_random_order_without_seed_redirects_to_a_seeded_url(client, home_page):
    consultation = open_consultation(home_page)
    response = client.get(list_url(consultation), {"sort": "random"})
    assert response.status_code == 302
    assert re.search(r"seed=\d+", response["Location"])


def test_random_order_is_stable_across_pages_for_one_seed(client, home_page):
    consultation = open_consultation(home_page)
    for _ in range(30):
        ProposalFactory(consultation=consultation)
    params = {"sort": "random", "seed": "42"}
    pages = [
        titles(client.get(list_url(consultation), {**params, "page": number}))
        for number in (1, 2, 3)
    ]
    client.force_login(UserFactory())  # rendered again, not the anonymous copies
    again = [
        titles(client.get(list_url(consultation), {**params, "page": number}))
        for number in (1, 2, 3)
    ]
    seen = [title for page in pages for title in page]
    assert pages == again
    assert len(seen) == len(set(seen)) == 30
    newest = [p.title for p in selectors.proposal_list(consultation)]
    other_seed = [p.title for p in selectors.proposal_list(consultation, sort="random", seed=7)]
    assert seen != newest
    assert seen != other_seed


def test_pagination_shows_12_and_keeps_filters_in_links(client, home_page):
    consultation = open_consultation(home_page)
    for _ in range(13):
        ProposalFactory(consultation=consultation, status=Proposal.Status.SUBMITTED)
    response = client.get(list_url(consultation), {"status": "submitted"})
    assert len(titles(response)) == 12
    assert "status=submitted&amp;page=2" in response.content.decode()
    assert len(titles(client.get(list_url(consultation), {"status": "submitted", "page": 2}))) == 1


def test_titles_are_escaped(client, home_page):
    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, title=XSS)
    html = client.get(list_url(consultation), {"q": XSS}).content.decode()
    assert XSS not in html
    assert "&lt;script&gt;" in html


def test_list_query_count_does_not_grow_with_proposals(
    client, home_page, django_assert_num_queries, pages_changed
):
    consultation = open_consultation(home_page, categories=["Zieleń"])
    category = consultation.categories.get()
    district = District.objects.create(centre=consultation.centre, name="Wólki")
    first = ProposalFactory(consultation=consultation, category=category, district=district)
    ProposalPhotoFactory(proposal=first)
    url = list_url(consultation)
    client.get(url)  # warm caches (site root, settings)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages_changed(consultation.pk)  # the anonymous copy is rebuilt: count the rendering
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(19):
        proposal = ProposalFactory(consultation=consultation, category=category, district=district)
        ProposalPhotoFactory(proposal=proposal)
    pages_changed(consultation.pk)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(titles(response)) == 12
