"""Initiatives through the API: reads, filters, and token writes through the services."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives.models import Membership
from initiatives.services import needs, updates
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running, started

pytestmark = pytest.mark.django_db
LIST = "/api/v1/initiatives/"


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def token_client(user):
    token = Token.objects.create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1])


def test_the_list_shows_published_initiatives_only(api, initiative):
    started(initiative.index, title="Czeka")
    body = api.get(LIST).json()
    assert [row["id"] for row in body["results"]] == [initiative.pk]
    assert body["results"][0]["url"].endswith(f"/inicjatywy/{initiative.pk}/")


def test_the_list_filters_by_centre(api, initiative, home_page):
    other = running(centre_with_index(home_page)[1])
    body = api.get(LIST, {"centre": other.centre_id}).json()
    assert [row["id"] for row in body["results"]] == [other.pk]


def test_the_list_filters_by_the_centres_slug(api, initiative, home_page):
    other = running(centre_with_index(home_page)[1])
    body = api.get(LIST, {"centre": other.centre.slug}).json()
    assert [row["id"] for row in body["results"]] == [other.pk]


def test_an_unknown_centre_slug_lists_nothing(api, initiative):
    body = api.get(LIST, {"centre": "nie-ma-takiego"}).json()
    assert body["results"] == []


@pytest.mark.parametrize("query", [{"centre": "a b"}, {"centre": "99999999999"}, {"state": "nope"}])
def test_a_bad_filter_is_a_400(api, initiative, query):
    assert api.get(LIST, query).status_code == 400


def test_a_waiting_initiative_is_a_404(api, initiative):
    waiting = started(initiative.index)
    assert api.get(f"{LIST}{waiting.pk}/").status_code == 404


def test_the_detail_shows_needs_and_actions(api, initiative):
    needs.need_post(initiative=initiative, user=initiative.started_by, title="Ulotki", wanted=5)
    body = api.get(f"{LIST}{initiative.pk}/").json()
    assert body["needs"][0]["title"] == "Ulotki"
    assert body["needs"][0]["places_left"] == 5


def test_the_updates_are_listed(api, initiative):
    updates.update_post(initiative=initiative, user=initiative.started_by, body="Spotkanie")
    body = api.get(f"{LIST}{initiative.pk}/updates/").json()
    assert body["results"][0]["body"] == "Spotkanie"


def test_joining_needs_a_token(api, initiative):
    response = api.post(f"{LIST}{initiative.pk}/join/", {"kind": "member"}, format="json")
    assert response.status_code == 401


def test_a_token_joins_through_the_service(initiative):
    person = confirmed_user()
    response = token_client(person).post(
        f"{LIST}{initiative.pk}/join/", {"kind": "member"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["members_count"] == 2
    assert Membership.objects.get(initiative=initiative, user=person).kind == "member"


def test_a_bad_kind_is_a_400(initiative):
    response = token_client(confirmed_user()).post(
        f"{LIST}{initiative.pk}/join/", {"kind": "king"}, format="json"
    )
    assert response.status_code == 400


def test_an_unconfirmed_account_is_refused_with_a_403(initiative):
    from tests.factories import UserFactory

    response = token_client(UserFactory()).post(f"{LIST}{initiative.pk}/support/")
    assert response.status_code == 403


def test_support_and_withdraw(initiative):
    client = token_client(confirmed_user())
    assert client.post(f"{LIST}{initiative.pk}/support/").json()["supporters_count"] == 1
    assert client.delete(f"{LIST}{initiative.pk}/support/").json()["supporters_count"] == 0


def test_sign_up_for_a_need_and_cancel(initiative):
    need = needs.need_post(
        initiative=initiative, user=initiative.started_by, title="Ulotki", wanted=1
    )
    client = token_client(confirmed_user())
    path = f"{LIST}{initiative.pk}/needs/{need.pk}/signup/"
    assert client.post(path).json() == {"signed_up": True, "taken": 1, "wanted": 1}
    assert client.post(path).status_code == 200  # again changes nothing
    other = token_client(confirmed_user()).post(path)
    assert other.status_code in (400, 403)  # no place left
    assert client.delete(path).json()["taken"] == 0


def test_a_need_of_another_initiative_is_a_404(initiative, home_page):
    other = running(centre_with_index(home_page)[1])
    need = needs.need_post(initiative=other, user=other.started_by, title="X", wanted=1)
    path = f"{LIST}{initiative.pk}/needs/{need.pk}/signup/"
    assert token_client(confirmed_user()).post(path).status_code == 404


def count(api, path, django_assert_max_num_queries):
    api.get(path)
    with django_assert_max_num_queries(20) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_list_and_detail_query_counts_do_not_grow(api, initiative, django_assert_max_num_queries):
    detail = f"{LIST}{initiative.pk}/"
    needs.need_post(initiative=initiative, user=initiative.started_by, title="A", wanted=1)
    one = (
        count(api, LIST, django_assert_max_num_queries),
        count(api, detail, django_assert_max_num_queries),
    )
    for n in range(4):
        running(initiative.index, title=f"Inicjatywa {n}")
        needs.need_post(initiative=initiative, user=initiative.started_by, title=f"N{n}", wanted=1)
    many = (
        count(api, LIST, django_assert_max_num_queries),
        count(api, detail, django_assert_max_num_queries),
    )
    assert one == many
