"""A signed-in resident's list of initiatives: the list the same for everyone is rendered once
per version of the index (`{% shared_for_everyone %}`), the person's bits per request (#17)."""

import pytest
from django.test import Client

from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4


@pytest.fixture
def index(home_page, page_cache_on):
    index = centre_with_index(home_page)[1]
    running(index, title="Zielone podwórko")
    return index


def signed_in(user=None) -> Client:
    client = Client()
    client.force_login(user or confirmed_user())
    return client


def queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_few_queries_for_one_or_many_initiatives(
    index, committed, django_assert_max_num_queries
):
    client = signed_in()
    one = queries(client, index.url, django_assert_max_num_queries)
    with committed():
        for n in range(4):
            running(index, title=f"Inicjatywa {n}")
    assert queries(client, index.url, django_assert_max_num_queries) == one


def test_an_approved_initiative_shows_on_the_list_at_once(index, committed):
    client = signed_in()
    client.get(index.url)
    with committed():
        running(index, title="Ławki na skwerze")
    assert "Ławki na skwerze" in client.get(index.url).text


def test_two_residents_each_see_their_own_name_and_not_the_others(index):
    first = signed_in(confirmed_user(display_name="Anna Wierzbicka")).get(index.url).text
    second = signed_in(confirmed_user(display_name="Jan Zieliński")).get(index.url).text
    assert "Anna Wierzbicka" in first and "Anna Wierzbicka" not in second
    assert "Jan Zieliński" in second and "Zielone podwórko" in second


def test_each_language_gets_its_own_list(index):
    client = signed_in()
    polish = client.get(index.url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(index.url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Załóż inicjatywę" in polish and "Start an initiative" not in polish
    assert "Start an initiative" in english and "Załóż inicjatywę" not in english
