"""Casting a ballot costs the same however many proposals the ballot lists (issue #7).

A cast reads only the ticked proposals; the ballot page reads every option once and prints
its rows from texts the view prepared (the bench's ballots target: POST, then the redirect).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultations.models import Category
from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, vote_url, voting_consultation
from voting.models import Ballot
from voting.services import voting

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _consultation(home_page, method, options):
    return voting_consultation(
        home_page,
        method=method,
        proposals=options,
        costs=[100] * options,
        budget=10**6,
        max_choices=3,
    )


def _cast_queries(client, home_page, method, options) -> int:
    consultation, proposals = _consultation(home_page, method, options)
    client.force_login(confirmed_user())
    url = vote_url(consultation)
    ticked = [p.pk for p in proposals[:2]]
    # A first ballot, then the change measured: the path the bench repeats.
    assert client.post(url, {"proposals": ticked}).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, {"proposals": ticked[:1]})
    assert response.status_code == 302
    return len(captured)


@pytest.mark.parametrize("method", [Method.APPROVAL, Method.BUDGET])
def test_casting_costs_the_same_queries_for_3_and_30_options(client, home_page, method):
    few = _cast_queries(client, home_page, method, 3)
    cache.clear()
    many = _cast_queries(client, home_page, method, 30)
    assert many == few


# Changing a budget ballot by POST (issue #17): the session (the user's row, the page's route
# and "no view restriction here" come from the shared cache the first cast filled), phases,
# the participation rule (1), results published (1), pools and the ticked proposals (2), then
# the write: savepoints, the participation insert that meets the unique index, the locked
# participation and ballot, the update, delete and insert of choices.
CHANGE_QUERIES = 16


def test_changing_a_ballot_by_post_makes_a_fixed_number_of_queries(client, home_page):
    assert _cast_queries(client, home_page, Method.BUDGET, 3) == CHANGE_QUERIES


def _page_queries(client, home_page, method, options) -> tuple[int, str]:
    consultation, proposals = _consultation(home_page, method, options)
    user = confirmed_user()
    client.force_login(user)
    voting.cast_ballot(user=user, consultation=consultation, proposal_ids=[proposals[0].pk])
    url = vote_url(consultation)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize("method", [Method.APPROVAL, Method.BUDGET])
def test_ballot_page_costs_the_same_queries_for_3_and_30_options(client, home_page, method):
    few, _html = _page_queries(client, home_page, method, 3)
    many, html = _page_queries(client, home_page, method, 30)
    assert html.count('name="proposals"') == 30
    assert many == few


def test_casting_reads_only_the_ticked_proposals(client, home_page):
    consultation, proposals = _consultation(home_page, Method.APPROVAL, 10)
    client.force_login(confirmed_user())
    with CaptureQueriesContext(connection) as captured:
        response = client.post(vote_url(consultation), {"proposals": [proposals[3].pk]})
    assert response.status_code == 302
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "proposals_proposal"' in q["sql"]]
    assert reads
    for sql in reads:
        assert f'"proposals_proposal"."id" IN ({proposals[3].pk})' in sql, sql


def test_a_refused_selection_shows_every_option_again_with_the_ticks(client, home_page):
    consultation, proposals = _consultation(home_page, Method.APPROVAL, 6)
    client.force_login(confirmed_user())
    ticked = [p.pk for p in proposals[:4]]  # one more than the 3 allowed
    response = client.post(vote_url(consultation), {"proposals": ticked}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 3 proposals" in html
    assert html.count('name="proposals"') == 6
    for proposal in proposals:
        checked = f'id="proposal-{proposal.pk}" checked' in html
        assert checked == (proposal.pk in ticked), proposal.pk
    assert not Ballot.objects.exists()


def test_a_hidden_proposal_ticked_by_hand_is_refused(client, home_page):
    from django.utils import timezone

    consultation, (first, second, _third) = _consultation(home_page, Method.APPROVAL, 3)
    second.hidden_at = timezone.now()
    second.save(update_fields=["hidden_at"])
    client.force_login(confirmed_user())
    response = client.post(vote_url(consultation), {"proposals": [first.pk, second.pk]}, **EN)
    assert response.status_code == 400
    assert "not on this ballot" in response.content.decode()
    assert not Ballot.objects.exists()


def test_an_option_row_shows_category_place_and_a_link_named_by_its_title(client, home_page):
    consultation, (first, *_rest) = _consultation(home_page, Method.BUDGET, 2)
    first.category = Category.objects.create(consultation=consultation, name="Zieleń")
    first.place = "Park miejski przy ulicy Długiej, obok placu zabaw i fontanny, wejście od wschodu"
    first.save(update_fields=["category", "place"])
    client.force_login(confirmed_user())
    html = client.get(vote_url(consultation), **EN).content.decode()
    start = html.index(f'id="proposal-{first.pk}"')
    row = html[start : html.index("</li>", start)]
    assert 'data-cost="100.00"' in row
    assert "100.00 zł" in row or "100,00 zł" in row
    assert 'Category: <span lang="pl">Zieleń</span>' in row
    assert (
        "Place: <span" in row
        and "Park miejski przy ulicy Długiej, obok placu zabaw i fontann…" in row
    )
    detail = consultation.reverse_subpage("proposal_detail", kwargs={"pk": first.pk})
    assert f'<a href="{consultation.url}{detail}">About this proposal' in row
    assert f'<span lang="pl">{first.title}</span></span></a>' in row


def test_ticking_an_id_twice_or_with_spaces_is_read_as_one_choice(client, home_page):
    consultation, (first, *_rest) = _consultation(home_page, Method.APPROVAL, 3)
    user = confirmed_user()
    client.force_login(user)
    response = client.post(vote_url(consultation), {"proposals": [str(first.pk), f" {first.pk}"]})
    assert response.status_code == 302
    ballot = voting.own_ballot(user, consultation)
    assert [c.proposal_id for c in ballot.choices.all()] == [first.pk]
