"""Cancelling one's own booking request through the API, with the site's service: 200 with
the cancelled booking, 401 without signing in, 404 for someone else's, 409 when it cannot be
cancelled any more; the schema describes it."""

import datetime

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from rooms.models import Booking
from tests.factories_rooms import resident_of

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    token = Token.objects.create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


def booking_of(room, user, *, state="pending", days=3):
    starts = timezone.now() + datetime.timedelta(days=days)
    return Booking.objects.create(
        room=room, centre=room.centre, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), state=state, user_kind="resident",
        purpose="Spotkanie sąsiadów", people=5, requested_by=user, created_at=timezone.now(),
    )  # fmt: skip


def url(booking) -> str:
    return f"/api/v1/room-bookings/{booking.pk}/"


@pytest.mark.parametrize("state", ["pending", "confirmed"])
def test_requester_cancels_an_open_booking(room, centre, state):
    user = resident_of(centre)
    booking = booking_of(room, user, state=state)
    response = client_for(user).delete(url(booking))
    assert response.status_code == 200
    assert response.json()["state"] == "cancelled"
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED and booking.cancelled_at is not None


def test_cancelling_without_signing_in_is_a_401(client, room, centre):
    booking = booking_of(room, resident_of(centre))
    assert client.delete(url(booking)).status_code == 401
    assert Booking.objects.get().state == "pending"


def test_someone_else_s_booking_is_not_found(room, centre):
    booking = booking_of(room, resident_of(centre, email="anna@example.org"))
    other = client_for(resident_of(centre, email="jan@example.org"))
    assert other.delete(url(booking)).status_code == 404
    assert Booking.objects.get().state == "pending"


def test_a_booking_already_cancelled_is_a_409(room, centre):
    user = resident_of(centre)
    booking = booking_of(room, user, state="cancelled")
    response = client_for(user).delete(url(booking))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "state"


def test_a_booking_that_has_started_is_a_409(room, centre):
    user = resident_of(centre)
    booking = booking_of(room, user, state="confirmed", days=-1)
    response = client_for(user).delete(url(booking))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "past"


def test_an_id_that_is_not_one_is_a_404(room, centre):
    assert client_for(resident_of(centre)).delete("/api/v1/room-bookings/x²/").status_code == 404


def test_schema_describes_cancelling():
    schema = SchemaGenerator().get_schema(public=True)
    operation = schema["paths"]["/api/v1/room-bookings/{id}/"]["delete"]
    assert operation["summary"] == "Cancel your booking"
    assert {"200", "401", "404", "409"} <= set(operation["responses"])
