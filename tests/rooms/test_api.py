"""The rooms API: rooms and a room's week (free and busy), a resident's own booking requests
with a token, through the same services (and refusals) as the site."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rooms.models import Booking
from rooms.selectors import at, local, monday_of
from tests.factories_rooms import resident_of

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    token = Token.objects.create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


def next_week_day(offset=2) -> datetime.date:
    today = local(timezone.now()).date()
    return monday_of(today) + datetime.timedelta(days=7 + offset)


def test_rooms_list_with_their_centre(client, room, centre):
    response = client.get("/api/v1/rooms/", {"centre": centre.pk})
    assert response.status_code == 200
    rows = response.json()
    rows = rows.get("results", rows) if isinstance(rows, dict) else rows
    assert [(r["name"], r["centre"]) for r in rows] == [("Sala warsztatowa", centre.pk)]


def rows_of(response) -> list:
    rows = response.json()
    return rows.get("results", rows) if isinstance(rows, dict) else rows


def test_rooms_filtered_by_the_centres_slug(client, room, centre):
    rows = rows_of(client.get("/api/v1/rooms/", {"centre": centre.slug}))
    assert [r["name"] for r in rows] == ["Sala warsztatowa"]


def test_rooms_of_an_unknown_centre_slug_are_none(client, room):
    response = client.get("/api/v1/rooms/", {"centre": "nie-ma-takiego"})
    assert response.status_code == 200 and rows_of(response) == []


def test_week_shows_busy_and_free_times(client, room):
    day = next_week_day()
    Booking.objects.create(
        room=room, centre=room.centre, starts_at=at(day, datetime.time(12)),
        ends_at=at(day, datetime.time(14)), state="confirmed", user_kind="resident",
        purpose="Prywatne", people=3, created_at=at(day, datetime.time(8)),
    )  # fmt: skip
    response = client.get(f"/api/v1/rooms/{room.pk}/week/", {"tydzien": day.isoformat()})
    assert response.status_code == 200
    wanted = next(d for d in response.json()["days"] if d["date"] == day.isoformat())
    assert len(wanted["busy"]) == 1 and len(wanted["free"]) == 2
    assert "Prywatne" not in response.content.decode()


def test_week_of_a_date_that_is_not_one_is_a_400(client, room):
    response = client.get(f"/api/v1/rooms/{room.pk}/week/", {"tydzien": "²"})
    assert response.status_code == 400


def test_resident_asks_for_a_room_with_a_token(room, centre):
    api = client_for(resident_of(centre))
    day = next_week_day()
    response = api.post(
        "/api/v1/room-bookings/",
        {"room": room.pk, "starts_at": at(day, datetime.time(17)).isoformat(),
         "ends_at": at(day, datetime.time(19)).isoformat(), "purpose": "Klub książki",
         "people": 6, "user_kind": "resident"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "pending"
    assert api.get("/api/v1/room-bookings/").json()


def test_api_request_is_refused_by_the_same_rules(room, centre):
    api = client_for(resident_of(centre))
    day = next_week_day()
    response = api.post(
        "/api/v1/room-bookings/",
        {"room": room.pk, "starts_at": at(day, datetime.time(6)).isoformat(),
         "ends_at": at(day, datetime.time(7)).isoformat(), "purpose": "Joga",
         "people": 6, "user_kind": "resident"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "hours"


def test_anonymous_request_is_a_401(client, room):
    assert client.post("/api/v1/room-bookings/", {}).status_code in (401, 403)
