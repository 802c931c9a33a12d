"""The centre's rooms at `<centre>/sale/`, a room's week (no script needed), asking for a
room and cancelling on the site; lists and weeks in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import CentrePage
from rooms.models import Booking, RoomIndexPage
from rooms.selectors import local, monday_of
from tests.factories import CentrePageFactory
from tests.factories_rooms import RoomFactory, index_of, resident_of

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def room_url(room, suffix=""):
    return f"{index_of(room.centre).url}{room.pk}/{suffix}"


def next_monday():
    today = local(timezone.now()).date()
    return monday_of(today) + datetime.timedelta(days=7)


def confirmed(room, day, hour, hours=2):
    starts = datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=local(timezone.now()).tzinfo
    )
    return Booking.objects.create(
        room=room, centre=room.centre, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours), state="confirmed",
        user_kind="resident", purpose="Prywatne spotkanie", people=5, created_at=timezone.now(),
    )  # fmt: skip


def test_list_shows_the_centres_rooms(client, room):
    response = client.get(index_of(room.centre).url)
    assert response.status_code == 200
    assert "Sala warsztatowa" in response.text and "rzutnik" in response.text


def test_week_shows_busy_and_free_times_without_the_purpose(client, room):
    monday = next_monday()
    confirmed(room, monday, 12)
    response = client.get(room_url(room) + f"?tydzien={monday}")
    assert response.status_code == 200
    text = response.text
    assert "12:00–14:00" in text and "08:00–12:00" in text and "14:00–20:00" in text
    assert "Prywatne spotkanie" not in text


def test_week_links_to_the_previous_and_next_week(client, room):
    monday = next_monday()
    text = client.get(room_url(room) + f"?tydzien={monday}").text
    assert f"?tydzien={monday + datetime.timedelta(days=7)}" in text
    assert f"?tydzien={monday - datetime.timedelta(days=7)}" in text


@pytest.mark.parametrize("value", ["nie-data", "²", "9999-01-01", "\u0000"])
def test_week_of_a_date_that_is_not_one_is_not_found(client, room, value):
    assert client.get(room_url(room), {"tydzien": value}).status_code in (400, 404)


def test_room_of_another_centre_is_not_found_here(client, room, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    foreign = RoomFactory(centre=other)
    assert client.get(f"{index_of(room.centre).url}{foreign.pk}/").status_code == 404


def test_list_costs_the_same_queries_with_one_or_many_rooms(client, room, centre):
    url = index_of(centre).url
    one = queries(client, url)
    for _ in range(5):
        RoomFactory(centre=centre)
    assert queries(client, url) == one


def test_week_costs_the_same_queries_with_few_or_many_bookings(client, room):
    monday = next_monday()
    url = room_url(room) + f"?tydzien={monday}"
    confirmed(room, monday, 9, 1)
    few = queries(client, url)
    for offset in range(1, 6):
        confirmed(room, monday + datetime.timedelta(days=offset), 9, 1)
    assert queries(client, url) == few


def test_anonymous_visitor_is_sent_to_sign_in_to_ask(client, room):
    response = client.get(room_url(room, "rezerwuj/"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_resident_asks_for_a_room_through_the_form(client, room, centre):
    client.force_login(resident_of(centre))
    day = local(timezone.now()).date() + datetime.timedelta(days=3)
    response = client.post(
        room_url(room, "rezerwuj/"),
        {"day": day, "starts": "17:00", "ends": "19:00", "purpose": "Klub książki",
         "people": 8, "user_kind": "resident"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Booking.objects.get().purpose == "Klub książki"


def test_refused_request_says_why(client, room, centre):
    client.force_login(resident_of(centre))
    day = local(timezone.now()).date() + datetime.timedelta(days=3)
    response = client.post(
        room_url(room, "rezerwuj/"),
        {"day": day, "starts": "06:00", "ends": "07:00", "purpose": "Joga",
         "people": 8, "user_kind": "resident"},
    )  # fmt: skip
    assert response.status_code == 409
    assert "08:00–20:00" in response.text


def test_resident_cancels_on_their_bookings_page(client, room, centre):
    user = resident_of(centre)
    booking = confirmed(room, next_monday(), 10)
    Booking.objects.filter(pk=booking.pk).update(requested_by=user)
    client.force_login(user)
    url = index_of(centre).url + "moje-rezerwacje/"
    assert "Prywatne spotkanie" in client.get(url).text
    assert client.post(url, {"booking": booking.pk}).status_code == 302
    assert Booking.objects.get().state == "cancelled"


def test_someone_elses_booking_cannot_be_cancelled_there(client, room, centre):
    booking = confirmed(room, next_monday(), 10)
    client.force_login(resident_of(centre))
    url = index_of(centre).url + "moje-rezerwacje/"
    assert client.post(url, {"booking": booking.pk}).status_code == 404


def test_editors_may_add_the_rooms_index_under_a_centre(centre):
    assert RoomIndexPage in CentrePage.allowed_subpage_models()
