"""Signed-in residents' rooms pages: what is the same for everyone is rendered once per
version (`{% shared_for_everyone %}`), the person's own links per request (#17)."""

import datetime

import pytest
from django.utils import timezone

from rooms.models import Booking
from rooms.selectors import local, monday_of
from rooms.services import booking_confirm
from tests.factories import UserFactory
from tests.factories_rooms import RoomFactory, index_of, resident_of

pytestmark = pytest.mark.django_db
MAX_QUERIES = 4
MINE = "moje-rezerwacje/"


def week_url(room, monday) -> str:
    return f"{index_of(room.centre).url}{room.pk}/?tydzien={monday}"


def next_monday():
    return monday_of(local(timezone.now()).date()) + datetime.timedelta(days=7)


def pending(room, day, hour) -> Booking:
    starts = datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=local(timezone.now()).tzinfo
    )
    return Booking.objects.create(
        room=room, centre=room.centre, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), state="pending",
        user_kind="resident", purpose="Próba chóru", people=5, created_at=timezone.now(),
    )  # fmt: skip


def test_the_rooms_list_costs_the_same_few_queries_for_one_or_many_rooms(
    room, centre, signed_in_client, repeat_queries
):
    client, url = signed_in_client(resident_of(centre)), index_of(centre).url
    one = repeat_queries(client, url, MAX_QUERIES)
    for _ in range(5):
        RoomFactory(centre=centre)
    assert repeat_queries(client, url, MAX_QUERIES) == one


def test_a_week_costs_the_same_few_queries_for_few_or_many_bookings(
    room, centre, committed, signed_in_client, repeat_queries
):
    client, monday = signed_in_client(resident_of(centre)), next_monday()
    few = repeat_queries(client, week_url(room, monday), MAX_QUERIES)
    with committed():
        for offset in range(5):
            day = monday + datetime.timedelta(days=offset)
            booking_confirm(booking=pending(room, day, 9), by=UserFactory())
    assert repeat_queries(client, week_url(room, monday), MAX_QUERIES) == few


def test_a_confirmed_booking_shows_in_the_week_at_once(room, centre, committed, signed_in_client):
    client, monday = signed_in_client(resident_of(centre)), next_monday()
    assert "12:00–14:00" not in client.get(week_url(room, monday)).text
    with committed():
        booking_confirm(booking=pending(room, monday, 12), by=UserFactory())
    assert "12:00–14:00" in client.get(week_url(room, monday)).text


def test_the_link_to_ones_own_bookings_is_never_in_an_anonymous_copy(
    client, room, centre, signed_in_client
):
    url = index_of(centre).url
    assert MINE in signed_in_client(resident_of(centre)).get(url).text
    assert MINE not in client.get(url).text
    assert MINE in signed_in_client(resident_of(centre)).get(url).text


def test_two_residents_each_see_their_own_name_and_not_the_others(
    room, centre, two_residents_pages
):
    url = week_url(room, next_monday())
    _first, second = two_residents_pages(url, make=lambda **name: resident_of(centre, **name))
    assert "Sala warsztatowa" in second


def test_a_room_of_another_centre_is_not_found_for_a_resident_either(
    room, centre, home_page, signed_in_client
):
    from tests.factories import CentrePageFactory

    other = RoomFactory(centre=CentrePageFactory(parent=home_page, slug="chrzanow"))
    client = signed_in_client(resident_of(centre))
    assert client.get(f"{index_of(centre).url}{other.pk}/").status_code == 404


@pytest.mark.parametrize("which", ["list", "week"])
def test_each_language_gets_its_own_shared_part(room, centre, which, signed_in_client):
    url = index_of(centre).url if which == "list" else week_url(room, next_monday())
    polish_text, english_text = (
        ("Kiedy jest wolna?", "When is it free?")
        if which == "list"
        else ("Poprzedni tydzień", "Previous week")
    )
    client = signed_in_client(resident_of(centre))
    polish = client.get(url, HTTP_ACCEPT_LANGUAGE="pl").text
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert polish_text in polish and english_text not in polish
    assert english_text in english and polish_text not in english
