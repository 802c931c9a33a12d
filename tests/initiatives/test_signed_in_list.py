"""A signed-in resident's list of initiatives: the list the same for everyone is rendered once
per version of the index (`{% shared_for_everyone %}`), the person's bits per request (#17)."""

import pytest

from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4


@pytest.fixture
def index(home_page, page_cache_on):
    index = centre_with_index(home_page)[1]
    running(index, title="Zielone podwórko")
    return index


def test_the_list_costs_the_same_few_queries_for_one_or_many_initiatives(
    index, committed, signed_in_client, repeat_queries
):
    client = signed_in_client()
    one = repeat_queries(client, index.url, MAX_QUERIES)
    with committed():
        for n in range(4):
            running(index, title=f"Inicjatywa {n}")
    assert repeat_queries(client, index.url, MAX_QUERIES) == one


def test_an_approved_initiative_shows_on_the_list_at_once(index, committed, signed_in_client):
    client = signed_in_client()
    client.get(index.url)
    with committed():
        running(index, title="Ławki na skwerze")
    assert "Ławki na skwerze" in client.get(index.url).text


def test_two_residents_each_see_their_own_name_and_not_the_others(index, two_residents_pages):
    _first, second = two_residents_pages(index.url)
    assert "Zielone podwórko" in second


def test_each_language_gets_its_own_list(index, signed_in_client):
    client = signed_in_client()
    polish = client.get(index.url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(index.url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Załóż inicjatywę" in polish and "Start an initiative" not in polish
    assert "Start an initiative" in english and "Załóż inicjatywę" not in english
