"""Dates whose room booking failed on publishing (a clash) are marked in words, with a link to
the date's screen that names the booking in the way: in the activities' dates list and in the
rooms' staff calendar; those screens and the date's own cost the same queries however many
dates and rooms are left without a booking."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from events import room_clashes
from events.models import ActivityPage, with_date_changes
from tests.accounts.staff_helpers import staff
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_rooms import RoomFactory
from tests.rooms.test_moved_date_rooms import confirmed_booking, move

pytestmark = pytest.mark.django_db

NOT_BOOKED_LIST = "Room not booked:"
NOT_BOOKED_CALENDAR = "Not booked (the room was taken):"


def publish(page):
    page.save_revision(user=UserFactory()).publish()
    return ActivityPage.objects.get(pk=page.pk)


def clash_in(room, page, days):
    """The date `days` ahead moved a day later into `room`, which a choir has booked then."""
    confirmed_booking(room, soon(days + 1) + datetime.timedelta(hours=1))
    move(page, days, soon(days + 1), room=room)


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


@pytest.fixture
def one_clash(course, small_room):
    clash_in(small_room, course, 9)
    return publish(course)


@pytest.fixture
def two_clashes(course, small_room, centre):
    clash_in(small_room, course, 9)
    clash_in(RoomFactory(centre=centre, name="Sala trzecia", capacity=30), course, 16)
    return publish(course)


def date_url(page, days):
    return reverse("activity_signups:date", args=[page.pk, soon(days).date().isoformat()])


def calendar_url(days):
    day = soon(days).date()
    monday = day - datetime.timedelta(days=day.weekday())
    return reverse("mam_room_bookings:calendar") + f"?tydzien={monday.isoformat()}"


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_dates_list_says_a_date_has_no_room_and_links_its_screen(client, moderator, one_clash):
    text = client.get(reverse("activity_signups:index")).text
    assert text.count(NOT_BOOKED_LIST) == 1
    assert text.count(date_url(one_clash, 9)) == 2  # the title's link and the mark's


def test_the_dates_list_marks_nothing_when_every_date_is_booked(client, moderator, course):
    publish(course)
    assert NOT_BOOKED_LIST not in client.get(reverse("activity_signups:index")).text


def test_the_dates_list_costs_the_same_queries_for_one_or_more_unbooked_dates(
    client, moderator, course, small_room, centre
):
    clash_in(small_room, course, 9)
    publish(course)
    one = queries(client, reverse("activity_signups:index"))
    clash_in(RoomFactory(centre=centre, name="Sala trzecia", capacity=30), course, 16)
    publish(course)
    assert queries(client, reverse("activity_signups:index")) == one


def test_the_calendar_marks_the_unbooked_date_in_its_room_with_a_link(client, moderator, one_clash):
    text = client.get(calendar_url(10)).text
    assert NOT_BOOKED_CALENDAR in text and date_url(one_clash, 9) in text


def test_the_calendar_of_a_week_without_unbooked_dates_marks_nothing(client, moderator, one_clash):
    assert NOT_BOOKED_CALENDAR not in client.get(calendar_url(2)).text


def test_the_calendar_costs_the_same_queries_for_one_or_more_unbooked_dates(
    client, moderator, course, small_room, centre
):
    clash_in(small_room, course, 9)
    publish(course)
    one = queries(client, calendar_url(10))
    other = RoomFactory(centre=centre, name="Sala trzecia", capacity=30)
    confirmed_booking(other, soon(10) + datetime.timedelta(hours=1))
    move(course, 2, soon(10), room=other)  # a second date that week, in a second room
    publish(course)
    text = client.get(calendar_url(10)).text
    assert text.count(NOT_BOOKED_CALENDAR) == 2
    assert queries(client, calendar_url(10)) == one


def test_room_clashes_cost_two_queries_however_many_rooms(two_clashes, django_assert_num_queries):
    page = (
        ActivityPage.objects.select_related("room")
        .prefetch_related(with_date_changes())
        .get(pk=two_clashes.pk)
    )
    with django_assert_num_queries(2):
        clashes = room_clashes.room_clashes(page)
    assert [o.room.name for o, _b in clashes] == ["Salka kameralna", "Sala trzecia"]
    assert all(bookings for _o, bookings in clashes)


def test_the_date_screen_costs_the_same_queries_for_one_or_more_bookings_in_the_way(
    client, moderator, one_clash, small_room
):
    one = queries(client, date_url(one_clash, 9))
    confirmed_booking(small_room, soon(10) - datetime.timedelta(hours=1))
    text = client.get(date_url(one_clash, 9)).text
    assert text.count("Próba chóru") == 2
    assert queries(client, date_url(one_clash, 9)) == one
