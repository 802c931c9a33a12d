"""A room's week is copied for anonymous visitors and a booking shown there lapses the copy."""

import pytest

from rooms import services
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
