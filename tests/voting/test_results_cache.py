"""The results page is rendered once per published result, and never shows an older one.

Signed-in visitors get the figures from a copy keyed by the result's id, checksums and a
digest of its figures; anonymous visitors a copy of the whole page under the consultation's
page version (home/page_cache.py), which publishing bumps, as must any service that changes a
result (through config.cache_versions.pages_changed; no signal does it) (issue #7).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.cache_versions import pages_changed
from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url
from voting.models import ResultSnapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def published(home_page, committed, options=3):
    consultation, proposals = voting_consultation(
        home_page, proposals=options, max_choices=options, winners=1
    )
    cast(consultation, proposals[:1], proposals[:1], proposals[1:2])
    with committed():
        snapshot = publish(consultation)
    return consultation, proposals, snapshot


def results_page(client, consultation, **headers):
    return client.get(sub_url(consultation, "results"), **(EN | headers))


def signed_in(client):
    client.force_login(confirmed_user())
    return client


def without_tokens(html) -> str:
    html = html.decode() if isinstance(html, bytes) else html
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _with_votes(figures: dict, proposal_id: int, votes: int) -> dict:
    options = [
        row | {"votes": votes} if row["id"] == proposal_id else row for row in figures["options"]
    ]
    return figures | {"options": options}


# --- Cheap -------------------------------------------------------------------------------


def test_anonymous_visitors_get_a_copy_of_the_published_page_with_routing_queries_only(
    client, home_page, committed
):
    consultation, _proposals, _snapshot = published(home_page, committed)
    first = results_page(client, consultation)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as captured:
        again = results_page(client, consultation)
    assert again["X-Page-Cache"] == "hit"
    assert without_tokens(again.content) == without_tokens(first.content)
    # Wagtail routes every request, copy or not: the remembered consultation
    # (home/routing.py) and its view restrictions. Nothing else.
    assert len(captured) <= 2, [q["sql"] for q in captured.captured_queries]
    assert not [q for q in captured if "resultsnapshot" in q["sql"] or "proposal" in q["sql"]]


@pytest.mark.parametrize("options", [3, 30])
def test_signed_in_visitors_get_the_figures_without_reading_them_again(
    client, home_page, committed, options
):
    consultation, _proposals, _snapshot = published(home_page, committed, options)
    signed_in(client)
    results_page(client, consultation)
    with CaptureQueriesContext(connection) as captured:
        response = results_page(client, consultation)
    assert response.text.count("results-table__number") == options
    sql = [
        q["sql"] for q in captured.captured_queries if "consultations_resultsnapshot" in q["sql"]
    ]
    assert len(sql) == 1, sql  # the summary only: no figures, no ballots
    assert '"figures",' not in sql[0] and '"ballots"' not in sql[0].split("FROM")[0]


def test_the_cached_page_costs_the_same_queries_for_3_and_30_options(client, home_page, committed):
    counts = []
    for options in (3, 30):
        consultation, _proposals, _snapshot = published(home_page, committed, options)
        signed_in(client)
        results_page(client, consultation)
        with CaptureQueriesContext(connection) as captured:
            results_page(client, consultation)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_page_from_the_cache_is_the_page_rendered_fresh(client, home_page, committed):
    consultation, _proposals, _snapshot = published(home_page, committed)
    signed_in(client)
    fresh = results_page(client, consultation).text
    cached = results_page(client, consultation).text
    assert without_tokens(cached) == without_tokens(fresh)
    assert "Votes per proposal" in cached and "<table" in cached and 'role="img"' in cached


# --- Never stale ---------------------------------------------------------------------------


def test_a_changed_result_shows_at_once_to_anonymous_visitors(client, home_page, committed):
    consultation, (first, *_rest), snapshot = published(home_page, committed)
    assert "2 votes" in results_page(client, consultation).text
    assert results_page(client, consultation)["X-Page-Cache"] == "hit"
    snapshot.figures = _with_votes(snapshot.figures, first.pk, 7)
    with committed():
        snapshot.save()
        pages_changed(consultation.pk)  # what a service changing a result does
    response = results_page(client, consultation)
    assert response["X-Page-Cache"] == "miss"
    assert "7 votes" in response.text


def test_a_changed_result_shows_at_once_to_signed_in_visitors(client, home_page, committed):
    consultation, (first, *_rest), snapshot = published(home_page, committed)
    signed_in(client)
    assert "2 votes" in results_page(client, consultation).text
    # Even a change that sends no signal gives the figures another key (their digest).
    ResultSnapshot.objects.filter(pk=snapshot.pk).update(
        figures=_with_votes(snapshot.figures, first.pk, 7)
    )
    text = results_page(client, consultation).text
    assert "7 votes" in text and "2 votes" not in text


def test_a_republished_result_shows_at_once(client, home_page, committed):
    consultation, (first, *_rest), snapshot = published(home_page, committed)
    visitor = client.__class__()
    signed_in(client)
    for someone in (client, visitor):
        assert "2 votes" in results_page(someone, consultation).text
    old_pk = snapshot.pk
    with committed():
        snapshot.delete()
        snapshot.pk = None
        snapshot.figures = _with_votes(snapshot.figures, first.pk, 9)
        snapshot.save()
        pages_changed(consultation.pk)  # what a service republishing a result does
    assert snapshot.pk != old_pk
    for someone in (client, visitor):
        text = results_page(someone, consultation).text
        assert "9 votes" in text and "2 votes" not in text


def test_publishing_shows_the_result_at_once_after_the_counting_page(client, home_page, committed):
    from tests.voting.results_helpers import close_voting

    consultation, proposals = voting_consultation(home_page, proposals=2, winners=1)
    cast(consultation, proposals[:1])
    close_voting(consultation)
    assert "The votes are being counted" in results_page(client, consultation).text
    assert "The votes are being counted" in results_page(client, consultation).text
    with committed():
        publish(consultation)
    text = results_page(client, consultation).text
    assert "The votes are being counted" not in text
    assert "Votes for every proposal" in text


def test_each_language_gets_its_own_copy_of_the_figures(client, home_page, committed):
    consultation, _proposals, _snapshot = published(home_page, committed)
    signed_in(client)
    assert "Votes per proposal" in results_page(client, consultation).text
    polish = results_page(client, consultation, HTTP_ACCEPT_LANGUAGE="pl").text
    assert "Votes per proposal" not in polish
    assert "Votes per proposal" in results_page(client, consultation).text


def test_the_open_results_page_with_live_turnout_is_never_copied(client, home_page):
    consultation, (first, *_rest) = voting_consultation(home_page, show_turnout=True)
    cast(consultation, [first])
    assert "1 person has voted" in results_page(client, consultation).text
    cast(consultation, [first])
    response = results_page(client, consultation)
    assert "2 people have voted" in response.text
    assert response.get("X-Page-Cache") != "hit"
    assert "no-cache" in response["Cache-Control"]
