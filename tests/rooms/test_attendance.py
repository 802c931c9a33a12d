"""How many people came to a booking: staff enter it afterwards (a service, an admin form,
the action log), and the yearly usage counts it instead of the number asked for, as it counts
an activity date's attendance; the summary and its CSV say which figure is which."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from consultations.participation import NotAllowed
from events.models import Attendance
from rooms import services, usage
from rooms.models import Booking
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory
from tests.factories_events import activity, warsaw
from tests.factories_rooms import RoomFactory, open_weekdays, resident_of

pytestmark = pytest.mark.django_db
YEAR = 2026
NOW = warsaw(YEAR, 12, 20, 12)


def booked(room, *, day=3, people=10, kind="resident", state="confirmed", **fields):
    starts = warsaw(YEAR, 3, day, 10)
    return Booking.objects.create(
        room=room, centre=room.centre, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), state=state, user_kind=kind,
        purpose="Spotkanie sąsiadów", people=people, created_at=starts, **fields,
    )  # fmt: skip


def activity_date(room, page, *, day=4, people=15):
    return booked(room, day=day, people=people, kind="centre", activity=page,
                  occurrence=datetime.date(YEAR, 3, day))  # fmt: skip


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


def test_staff_record_who_came_and_the_action_is_logged(room, centre):
    user = staff(centre, roles.MODERATOR)
    booking = booked(room, requested_by=resident_of(centre))
    services.booking_attendance_record(booking=booking, attended=7, by=user, now=NOW)
    booking.refresh_from_db()
    entry = ModelLogEntry.objects.get(action=services.ATTENDANCE_ACTION)
    assert booking.attended == 7
    assert (entry.user_id, entry.object_id, entry.data["attended"]) == (user.pk, str(booking.pk), 7)


def test_who_came_cannot_be_entered_before_the_booking_starts(room, centre):
    booking = booked(room)
    with pytest.raises(NotAllowed) as refusal:
        services.booking_attendance_record(
            booking=booking, attended=7, by=None, now=booking.starts_at - datetime.timedelta(1)
        )
    assert refusal.value.code == "future"


def test_who_came_is_entered_only_for_a_confirmed_booking(room):
    booking = booked(room, state="pending")
    with pytest.raises(NotAllowed) as refusal:
        services.booking_attendance_record(booking=booking, attended=7, by=None, now=NOW)
    assert refusal.value.code == "state"


def test_an_activity_date_takes_its_count_on_the_activity_page(room, centre):
    booking = activity_date(room, activity(centre, room=room))
    with pytest.raises(NotAllowed) as refusal:
        services.booking_attendance_record(booking=booking, attended=7, by=None, now=NOW)
    assert refusal.value.code == "activity"


def test_staff_enter_who_came_through_the_admin_form(client, moderator, room):
    booking = booked(room)
    url = reverse("mam_room_bookings:attendance", args=[booking.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"attended": "9"}).status_code == 302
    booking.refresh_from_db()
    assert booking.attended == 9


def test_a_negative_count_is_refused_with_a_message(client, moderator, room):
    booking = booked(room)
    url = reverse("mam_room_bookings:attendance", args=[booking.pk])
    response = client.post(url, {"attended": "-3"})
    booking.refresh_from_db()
    assert response.status_code == 400 and booking.attended is None


def test_the_queue_links_a_past_confirmed_booking_to_its_count(client, moderator, room):
    booking = booked(room)
    text = client.get(reverse("mam_room_bookings:index")).text
    assert reverse("mam_room_bookings:attendance", args=[booking.pk]) in text


def test_staff_of_another_centre_cannot_enter_who_came(client, room, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    open_weekdays(other)
    client.force_login(staff(other, roles.MODERATOR))
    booking = booked(room)
    url = reverse("mam_room_bookings:attendance", args=[booking.pk])
    assert client.post(url, {"attended": "9"}).status_code == 404
    booking.refresh_from_db()
    assert booking.attended is None


def test_usage_counts_who_came_where_entered_else_the_number_asked_for(room):
    booked(room, day=3, people=10, attended=4)
    booked(room, day=5, people=20)
    (row,) = usage.yearly([room], YEAR)
    assert (row.came["resident"], row.expected["resident"], row.total_people) == (4, 20, 24)
    assert row.without_count == 1


def test_usage_counts_an_activity_dates_attendance_else_its_places(room, centre):
    page = activity(centre, room=room, starts_at=warsaw(YEAR, 3, 4, 10), places=15)
    activity_date(room, page, day=4, people=15)
    activity_date(room, page, day=11, people=15)
    Attendance.objects.create(
        activity=page, occurrence=datetime.date(YEAR, 3, 4), attended=12, entered_at=NOW
    )
    (row,) = usage.yearly([room], YEAR)
    assert (row.came["centre"], row.expected["centre"]) == (12, 15)


def test_usage_csv_gives_who_came_and_the_expected_number_apart(client, moderator, room):
    booked(room, day=3, people=10, attended=4)
    booked(room, day=5, people=20, kind="ngo")
    response = client.get(reverse("mam_room_bookings:usage") + f"?rok={YEAR}&export=csv")
    header, line = response.content.decode("utf-8-sig").splitlines()[:2]
    assert header.split(";")[2:5] == [
        "Hours: resident", "Came: resident", "Expected, no count entered: resident"
    ]  # fmt: skip
    assert line.split(";")[1:] == [
        room.name, "2,0", "4", "0", "2,0", "0", "20", "0,0", "0", "0", "0,0", "0", "0",
        "4,0", "4", "20", "24", "1",
    ]  # fmt: skip


def test_usage_page_says_which_figures_are_counted(client, moderator, room):
    booked(room, day=5, people=20)
    text = client.get(reverse("mam_room_bookings:usage") + f"?rok={YEAR}").text
    assert "where nobody entered who came" in text
    assert "1 booking has no number of people who came yet." in text


def test_usage_costs_the_same_queries_with_few_or_many_bookings(client, moderator, room, centre):
    page = activity(centre, room=room, starts_at=warsaw(YEAR, 3, 4, 10), places=15)
    booked(room, day=3)
    activity_date(room, page, day=4)
    url = reverse("mam_room_bookings:usage") + f"?rok={YEAR}"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    other = RoomFactory(centre=centre, name="Sala mała")
    for day in range(10, 20):
        booked(other, day=day, attended=day)
        activity_date(room, page, day=day + 1)
    assert count() == few
