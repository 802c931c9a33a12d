"""Signed-in residents' activity pages: what is the same for everyone is rendered once per
content version (`{% shared_for_everyone %}`), the person's own sign-ups per request (#17)."""

import datetime

import pytest
from django.utils import timezone

from events.recurrence import local
from events.services import signup_join
from tests.factories_events import activity, index_of
from tests.factories_proposals import confirmed_user

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4


def soon(days=2) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def test_the_list_costs_the_same_few_queries_for_one_or_many_activities(
    centre, signed_in_client, repeat_queries
):
    activity(centre, title="Szachy", starts_at=soon())
    client, url = signed_in_client(), index_of(centre).url
    one = repeat_queries(client, url, MAX_QUERIES)
    for n in range(5):
        activity(centre, title=f"Warsztaty {n}", starts_at=soon(3 + n), places=10)
    assert repeat_queries(client, url, MAX_QUERIES) == one


def test_an_activity_page_costs_the_same_few_queries_for_few_or_many_sign_ups(
    centre, committed, signed_in_client, repeat_queries
):
    page = activity(centre, starts_at=soon(), places=20)
    client = signed_in_client()
    few = repeat_queries(client, page.url, MAX_QUERIES)
    with committed():
        for _ in range(4):
            signup_join(activity=page, day=local(page.starts_at).date(), user=confirmed_user())
    assert repeat_queries(client, page.url, MAX_QUERIES) == few


def test_a_sign_up_changes_the_places_left_on_the_list_at_once(centre, committed, signed_in_client):
    page = activity(centre, title="Szachy", starts_at=soon(), places=10)
    client, url = signed_in_client(), index_of(centre).url
    assert "10 wolnych miejsc" in client.get(url).text
    with committed():
        signup_join(activity=page, day=local(page.starts_at).date(), user=confirmed_user())
    assert "9 wolnych miejsc" in client.get(url).text


def test_a_new_activity_shows_on_the_list_at_once(centre, signed_in_client):
    activity(centre, title="Szachy", starts_at=soon())
    client, url = signed_in_client(), index_of(centre).url
    client.get(url)
    activity(centre, title="Joga dla seniorów", starts_at=soon(3))
    assert "Joga dla seniorów" in client.get(url).text


def test_an_activity_leaves_the_stored_list_when_it_ends(centre, monkeypatch, signed_in_client):
    now = timezone.now()
    activity(centre, title="Szachy", starts_at=now + datetime.timedelta(minutes=5))
    client, url = signed_in_client(), index_of(centre).url
    assert "Szachy" in client.get(url).text
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=3))
    assert "Szachy" not in client.get(url).text


def test_a_changed_description_shows_at_once(centre, signed_in_client):
    page = activity(centre, lead="Gramy w szachy.", starts_at=soon())
    client = signed_in_client()
    client.get(page.url)
    page.lead = "Gramy w warcaby."
    page.save_revision().publish()
    assert "Gramy w warcaby." in client.get(page.url).text


def test_a_residents_sign_up_is_shown_to_them_and_not_to_another_resident(
    centre, committed, signed_in_client
):
    page = activity(centre, starts_at=soon(), places=10)
    anna = confirmed_user(display_name="Anna Wierzbicka")
    with committed():
        signup_join(activity=page, day=local(page.starts_at).date(), user=anna)
    mine = signed_in_client(anna).get(page.url).text
    theirs = signed_in_client(confirmed_user(display_name="Jan Zieliński")).get(page.url).text
    assert "Jesteś zapisana lub zapisany." in mine
    assert "Jesteś zapisana lub zapisany." not in theirs
    assert "Anna Wierzbicka" not in theirs and "Jan Zieliński" in theirs


def test_each_language_gets_its_own_list(centre, signed_in_client):
    activity(centre, starts_at=soon(), places=10)
    client, url = signed_in_client(), index_of(centre).url
    polish = client.get(url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "10 wolnych miejsc" in polish and "10 places left" not in polish
    assert "10 places left" in english and "10 wolnych miejsc" not in english
    assert "10 wolnych miejsc" in client.get(url, HTTP_ACCEPT_LANGUAGE="pl").text


def test_each_language_gets_its_own_description_part(centre, signed_in_client):
    page = activity(centre, starts_at=soon())
    client = signed_in_client()
    polish = client.get(page.url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "W skrócie" in polish and "At a glance" not in polish
    assert "At a glance" in english and "W skrócie" not in english


def test_a_sign_up_changes_the_places_left_on_the_activity_page_at_once(
    centre, committed, signed_in_client
):
    page = activity(centre, starts_at=soon(), places=10)
    client = signed_in_client()
    assert "10 wolnych miejsc" in client.get(page.url).text
    with committed():
        signup_join(activity=page, day=local(page.starts_at).date(), user=confirmed_user())
    assert "9 wolnych miejsc" in client.get(page.url).text


def test_a_residents_sign_up_never_reaches_the_anonymous_copy(
    client, centre, committed, signed_in_client
):
    page = activity(centre, starts_at=soon(), places=10)
    anna = confirmed_user()
    with committed():
        signup_join(activity=page, day=local(page.starts_at).date(), user=anna)
    assert "Jesteś zapisana lub zapisany." in signed_in_client(anna).get(page.url).text
    anonymous = client.get(page.url).text
    assert "Jesteś zapisana lub zapisany." not in anonymous
    assert "9 wolnych miejsc" in anonymous
