"""A signed-in resident's list of what gets built: the list the same for everyone is rendered
once per consultation version (`{% shared_for_everyone %}`), the person's bits per request
(#17)."""

import pytest

from tests.implementation.conftest import update
from tests.implementation.test_pages import add_records, list_url

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4


def test_the_list_costs_the_same_few_queries_for_one_or_many_projects(
    record, official, consultation, committed, signed_in_client, repeat_queries
):
    client = signed_in_client()
    one = repeat_queries(client, list_url(consultation), MAX_QUERIES)
    with committed():
        add_records(consultation, official, 8)
    assert repeat_queries(client, list_url(consultation), MAX_QUERIES) == one


def test_a_records_progress_shows_at_once(
    record, official, consultation, committed, signed_in_client
):
    client = signed_in_client()
    client.get(list_url(consultation))
    with committed():
        update(record, official, percent_done=77)
    assert "77%" in client.get(list_url(consultation)).text


def test_a_filtered_list_is_kept_apart_from_the_whole_list(
    record, official, consultation, signed_in_client
):
    client = signed_in_client()
    assert "Plac zabaw przy Lwowskiej" in client.get(list_url(consultation)).text
    filtered = client.get(list_url(consultation, status="done")).text
    assert "Plac zabaw przy Lwowskiej" not in filtered


def test_two_residents_each_see_their_own_name_and_not_the_others(
    record, consultation, two_residents_pages
):
    url = list_url(consultation)
    _first, second = two_residents_pages(url)
    assert "Plac zabaw przy Lwowskiej" in second


def test_each_language_gets_its_own_list(record, consultation, signed_in_client):
    client = signed_in_client()
    polish = client.get(list_url(consultation), HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(list_url(consultation), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Realizacja projektów" in polish and "What gets built" not in polish
    assert "What gets built" in english and "Realizacja projektów" not in english
