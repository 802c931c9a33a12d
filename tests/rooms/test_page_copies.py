"""A room's week is copied for anonymous visitors and a booking shown there lapses the copy."""

import pytest
from django.urls import reverse

from accounts import roles
from rooms import services
from tests.accounts.staff_helpers import staff
from tests.factories import UserFactory
from tests.factories_rooms import index_of, resident_of
from tests.rooms.test_services import NOW, ask

pytestmark = pytest.mark.django_db


def test_a_confirmed_booking_makes_the_rooms_week_copy_lapse(client, room, centre, committed):
    index = index_of(centre)
    url = index.url + index.reverse_subpage("room", args=[room.pk])
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    booking = ask(room, resident_of(centre))
    with committed():
        services.booking_confirm(booking=booking, by=UserFactory(), now=NOW)
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_room_edited_in_the_admin_makes_its_weeks_copy_lapse(client, room, centre, committed):
    index = index_of(centre)
    url = index.url + index.reverse_subpage("room", args=[room.pk])
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    official = staff(centre, roles.OFFICIAL)
    client.force_login(official)
    data = {
        "centre": centre.pk,
        "name": "Sala po remoncie",
        "capacity": room.capacity,
        "sort_order": 0,
        "bookable": "on",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
    with committed():
        response = client.post(reverse("mam_rooms:edit", args=[room.pk]), data)
    assert response.status_code == 302
    client.logout()
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Sala po remoncie" in response.text
