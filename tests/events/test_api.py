"""Activities in the API: dates with places and calendar links, a resident's own sign-ups
through the same services, nobody else's sign-ups, bad parameters as 400s."""

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from events.models import SignUp
from tests.events.test_pages import soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity, change

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    token, _created = Token.objects.get_or_create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")


@pytest.fixture
def workshop(centre):
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=1)


def test_dates_list_places_left_and_the_calendar_feed(client, workshop):
    body = client.get("/api/v1/activities/").json()
    (row,) = body["results"]
    assert row["activity"]["title"] == "Warsztaty segregacji"
    assert row["activity"]["ical_url"].endswith(workshop.url + "kalendarz.ics/")
    assert row["activity"]["centre"] == workshop.get_parent().get_parent().pk
    assert row["places_left"] == 1
    assert row["signup_open"] is True
    assert row["date"] == soon(3).date().isoformat()


def test_a_cancelled_date_is_listed_as_cancelled(client, centre):
    page = activity(centre, starts_at=soon(2))
    change(page, soon(2).date(), note="Choroba prowadzącej")
    (row,) = client.get("/api/v1/activities/").json()["results"]
    assert row["cancelled"] is True
    assert row["signup_open"] is False


def test_dates_are_filtered_by_centre(client, workshop, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    activity(other, title="Kurs komputerowy", starts_at=soon(4))
    rows = client.get(f"/api/v1/activities/?centre={other.pk}").json()["results"]
    assert [r["activity"]["title"] for r in rows] == ["Kurs komputerowy"]


def test_dates_are_filtered_by_the_centres_slug(client, workshop, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    activity(other, title="Kurs komputerowy", starts_at=soon(4))
    rows = client.get("/api/v1/activities/?centre=chrzanow").json()["results"]
    assert [r["activity"]["title"] for r in rows] == ["Kurs komputerowy"]


@pytest.mark.parametrize(
    "query",
    [
        "centre=999999",
        "centre=abc",
        "centre=a%20b",
        "kind=zzz",
        "audience=zzz",
        "from=2026-13-01",
        "days=0",
    ],
)
def test_bad_parameters_are_a_400_with_the_fields_named(client, workshop, query):
    response = client.get(f"/api/v1/activities/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert query.split("=")[0] in error["fields"]


def test_the_number_of_queries_does_not_grow_with_the_dates(
    client, centre, django_assert_max_num_queries
):
    for number in range(12):
        activity(centre, starts_at=soon(2 + number % 5), recurrence="FREQ=DAILY;COUNT=3")
    with django_assert_max_num_queries(8):
        assert client.get("/api/v1/activities/").status_code == 200


def test_a_resident_signs_up_with_a_token_and_is_emailed(workshop):
    resident = UserFactory()
    response = token_client(resident).post(
        "/api/v1/signups/",
        {"activity": workshop.pk, "date": soon(3).date().isoformat()},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["state"] == "confirmed"
    assert SignUp.objects.get().user == resident
    assert len(mail.outbox) == 1


def test_the_second_person_waits_and_moves_up_when_the_first_cancels(workshop):
    first, second = UserFactory(), UserFactory()
    data = {"activity": workshop.pk, "date": soon(3).date().isoformat()}
    mine = token_client(first).post("/api/v1/signups/", data, format="json").json()
    waiting = token_client(second).post("/api/v1/signups/", data, format="json").json()
    assert waiting["state"] == "waiting"
    cancelled = token_client(first).delete(f"/api/v1/signups/{mine['id']}/")
    assert cancelled.json()["state"] == "cancelled"
    assert SignUp.objects.get(pk=waiting["id"]).state == "confirmed"


def test_nobody_sees_or_cancels_another_persons_sign_up(workshop):
    owner, stranger = UserFactory(), UserFactory()
    data = {"activity": workshop.pk, "date": soon(3).date().isoformat()}
    mine = token_client(owner).post("/api/v1/signups/", data, format="json").json()
    other = token_client(stranger)
    assert other.get("/api/v1/signups/").json()["results"] == []
    assert other.delete(f"/api/v1/signups/{mine['id']}/").status_code == 404
    assert SignUp.objects.get(pk=mine["id"]).state == "confirmed"


def test_signing_up_needs_an_account(client, workshop):
    data = {"activity": workshop.pk, "date": soon(3).date().isoformat()}
    assert APIClient().post("/api/v1/signups/", data, format="json").status_code == 401


def test_a_date_the_activity_does_not_have_is_a_400(workshop):
    data = {"activity": workshop.pk, "date": soon(5).date().isoformat()}
    response = token_client(UserFactory()).post("/api/v1/signups/", data, format="json")
    assert response.status_code == 400
    assert "date" in response.json()["error"]["fields"]


def test_a_full_date_without_a_waiting_list_is_refused_with_its_reason(centre):
    page = activity(centre, starts_at=soon(3), places=1, waiting_list=False)
    data = {"activity": page.pk, "date": soon(3).date().isoformat()}
    token_client(UserFactory()).post("/api/v1/signups/", data, format="json")
    response = token_client(UserFactory()).post("/api/v1/signups/", data, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "full"
