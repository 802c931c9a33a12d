"""The printable room schedule: a day or a week of a centre's rooms (or one room) for staff,
with who booked and why, print CSS and no admin navigation, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from rooms import services
from rooms.models import Booking
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, ContentPageFactory, UserFactory
from tests.factories_events import warsaw
from tests.factories_rooms import RoomFactory, open_weekdays

pytestmark = pytest.mark.django_db

URL = "mam_room_bookings:schedule"


def booked(room, starts, *, hours=1, purpose="Próba chóru", state="confirmed", **fields):
    return Booking.objects.create(
        room=room, centre=room.centre, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours), state=state, user_kind="ngo",
        purpose=purpose, people=8, created_at=starts - datetime.timedelta(days=5), **fields,
    )  # fmt: skip


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


def get(client, **params):
    return client.get(reverse(URL), params)


def test_week_lists_bookings_with_time_purpose_and_who_booked(client, moderator, room):
    booked(room, warsaw(2027, 3, 3, 17), organisation="Chór Sąsiedzi")
    booked(room, warsaw(2027, 3, 4, 10), purpose="Klub szachowy", caller_name="Jan Kowalski")
    response = get(client, data="2027-03-03")
    assert response.status_code == 200
    text = response.text
    assert "17:00–18:00" in text and "Próba chóru" in text and "Chór Sąsiedzi" in text
    assert "Klub szachowy" in text and "Jan Kowalski" in text


def test_week_leaves_out_other_weeks_and_declined_requests(client, moderator, room):
    booked(room, warsaw(2027, 3, 10, 17), purpose="Za tydzień")
    booked(room, warsaw(2027, 3, 3, 12), purpose="Odrzucona", state="declined")
    text = get(client, data="2027-03-03").text
    assert "Za tydzień" not in text and "Odrzucona" not in text


def test_day_shows_only_that_day(client, moderator, room):
    booked(room, warsaw(2027, 3, 3, 17), purpose="W środę")
    booked(room, warsaw(2027, 3, 4, 17), purpose="W czwartek")
    text = get(client, data="2027-03-03", zakres="dzien").text
    assert "W środę" in text and "W czwartek" not in text


def test_one_room_only_when_a_room_is_chosen(client, moderator, room, centre):
    other = RoomFactory(centre=centre, name="Pracownia")
    booked(room, warsaw(2027, 3, 3, 17), purpose="W sali warsztatowej")
    booked(other, warsaw(2027, 3, 3, 17), purpose="W pracowni")
    text = get(client, data="2027-03-03", sala=other.pk).text
    assert "W pracowni" in text and "W sali warsztatowej" not in text


def test_activity_occupations_are_listed(client, moderator, room, home_page):
    page = ContentPageFactory(parent=home_page, title="Warsztaty segregacji")
    booked(room, warsaw(2027, 3, 3, 9), activity=page, purpose="Warsztaty segregacji")
    assert "Warsztaty segregacji" in get(client, data="2027-03-03").text


def test_page_prints_on_a4_without_admin_navigation(client, moderator, room):
    text = get(client).text
    assert "@page { size: A4" in text and "@media print" in text
    assert "sidebar" not in text and 'class="no-print"' in text
    assert '<form method="get"' in text and 'type="date"' in text


def test_query_count_does_not_grow_with_bookings(client, moderator, room):
    booked(room, warsaw(2027, 3, 1, 7))  # before the hours booked below: no overlap
    get(client, data="2027-03-03")  # the first request loads the permissions and the site
    with CaptureQueriesContext(connection) as one:
        get(client, data="2027-03-03")
    for day in range(1, 8):
        for hour in (9, 11, 13, 15):
            booked(room, warsaw(2027, 3, day, hour), organisation=f"Org {day}-{hour}")
    with CaptureQueriesContext(connection) as many:
        response = get(client, data="2027-03-03")
    assert "Org 7-15" in response.text
    assert len(many) == len(one)


def test_staff_of_another_centre_see_none_of_its_bookings(client, room, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    open_weekdays(other)
    booked(room, warsaw(2027, 3, 3, 17), purpose="Tajne spotkanie")
    client.force_login(staff(other, roles.MODERATOR))
    assert "Tajne spotkanie" not in get(client, data="2027-03-03").text
    response = get(client, data="2027-03-03", sala=room.pk)
    assert response.status_code == 400 and "Tajne spotkanie" not in response.text


def test_a_date_that_is_not_one_is_refused_clearly(client, moderator, room):
    assert get(client, data="3000-99-99").status_code == 400


def test_a_resident_cannot_see_the_schedule(client, room):
    client.force_login(UserFactory())
    assert get(client).status_code in (302, 403)


def test_the_caller_booked_at_the_desk_appears(client, moderator, room):
    starts = warsaw(2027, 3, 3, 17)
    services.booking_for_caller(
        room=room, by=moderator, name="Zofia Nowak", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1), purpose="Korepetycje", people=2,
        now=warsaw(2027, 3, 1, 9),
    )  # fmt: skip
    assert "Zofia Nowak" in get(client, data="2027-03-03").text
