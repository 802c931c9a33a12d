"""Staff screens: the queue with its decision, the calendar, the yearly usage and its CSV,
rooms and rules kept per centre; staff of one centre never see another's bookings."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from accounts import roles
from rooms.models import Booking, Room
from rooms.selectors import local
from rooms.services.attendance import ATTENDANCE_ACTION
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import warsaw
from tests.factories_rooms import RoomFactory, open_weekdays, resident_of

pytestmark = pytest.mark.django_db


def pending(
    room, *, starts=None, hours=2, purpose="Spotkanie sąsiadów", people=12, kind="resident"
):
    starts = starts or timezone.now() + datetime.timedelta(days=3)
    return Booking.objects.create(
        room=room,
        centre=room.centre,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        state=Booking.State.PENDING,
        user_kind=kind,
        purpose=purpose,
        people=people,
        requested_by=resident_of(room.centre, email=f"r{Booking.objects.count()}@example.org"),
        created_at=timezone.now(),
    )


@pytest.fixture
def moderator(client, centre):
    user = staff(centre, roles.MODERATOR)
    client.force_login(user)
    return user


@pytest.fixture
def other_centre(home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    open_weekdays(other)
    return other


def test_queue_shows_the_centres_requests(client, moderator, room):
    pending(room, purpose="Próba chóru")
    response = client.get(reverse("mam_room_bookings:index"))
    assert response.status_code == 200 and "Próba chóru" in response.text


def test_the_queue_says_when_a_coming_booking_starts_as_a_date(client, moderator, room):
    starts = warsaw(2030, 3, 6, 17)
    pending(room, starts=starts)
    text = client.get(reverse("mam_room_bookings:index")).text
    assert "6 March 2030, 17:00" in text and "just now" not in text


def test_the_admins_site_history_lists_a_booking_with_a_link_to_its_screen(client, room):
    booking = pending(room, purpose="Próba chóru")
    log(booking, ATTENDANCE_ACTION, data={"attended": 9, "previous": None})
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert reverse("mam_room_bookings:decide", args=[booking.pk]) in response.text


def test_staff_of_another_centre_see_none_of_its_bookings(client, room, other_centre):
    booking = pending(room, purpose="Próba chóru")
    client.force_login(staff(other_centre, roles.MODERATOR))
    assert "Próba chóru" not in client.get(reverse("mam_room_bookings:index")).text
    assert "Próba chóru" not in client.get(reverse("mam_room_bookings:calendar")).text
    assert room.name not in client.get(reverse("mam_room_bookings:usage")).text
    decide = reverse("mam_room_bookings:decide", args=[booking.pk])
    assert client.get(decide).status_code == 404
    assert client.post(decide, {"decision": "confirm"}).status_code == 404
    assert Booking.objects.get().state == Booking.State.PENDING


def test_a_resident_may_not_open_the_queue(client, room):
    client.force_login(UserFactory())
    assert client.get(reverse("mam_room_bookings:index")).status_code in (302, 403)


def test_staff_confirm_a_request_and_the_requester_is_emailed(client, moderator, room):
    booking = pending(room)
    response = client.post(
        reverse("mam_room_bookings:decide", args=[booking.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 302
    assert Booking.objects.get().state == Booking.State.CONFIRMED
    assert len(mail.outbox) == 1


def test_staff_decline_with_a_reason(client, moderator, room):
    booking = pending(room)
    url = reverse("mam_room_bookings:decide", args=[booking.pk])
    assert client.post(url, {"decision": "decline", "reason": ""}).status_code == 400
    client.post(url, {"decision": "decline", "reason": "Sala w remoncie"})
    booking.refresh_from_db()
    assert (booking.state, booking.decline_reason) == ("declined", "Sala w remoncie")
    assert "Sala w remoncie" in mail.outbox[0].body


def test_overlapping_confirmation_shows_why_it_is_refused(client, moderator, room):
    first, second = pending(room), pending(room)
    client.post(reverse("mam_room_bookings:decide", args=[first.pk]), {"decision": "confirm"})
    response = client.post(
        reverse("mam_room_bookings:decide", args=[second.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 400
    assert "already booked" in response.text
    assert Booking.objects.confirmed().count() == 1


def test_calendar_shows_waiting_requests(client, moderator, room):
    booking = pending(room, purpose="Próba chóru")
    monday = local(booking.starts_at).date()
    response = client.get(reverse("mam_room_bookings:calendar") + f"?tydzien={monday}")
    assert response.status_code == 200 and "Próba chóru" in response.text


def test_usage_counts_confirmed_hours_and_expected_people_per_kind(client, moderator, room):
    year = timezone.now().year + 1
    for day, kind, people in [(3, "resident", 10), (4, "ngo", 20), (5, "ngo", 5)]:
        booking = pending(room, starts=warsaw(year, 3, day, 10), kind=kind, people=people)
        Booking.objects.filter(pk=booking.pk).update(state="confirmed")
    pending(room, starts=warsaw(year, 3, 6, 10), people=99)  # waiting: not counted
    response = client.get(reverse("mam_room_bookings:usage") + f"?rok={year}&export=csv")
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1].split(";")[1:] == [
        room.name, "2,0", "0", "10", "4,0", "0", "25", "0,0", "0", "0", "0,0", "0", "0",
        "6,0", "0", "35", "35", "3",
    ]  # fmt: skip


def test_usage_refuses_a_year_that_is_not_one(client, moderator, room):
    assert client.get(reverse("mam_room_bookings:usage") + "?rok=²²²²").status_code == 404


def test_room_listing_is_scoped_to_the_centre(client, room, other_centre):
    RoomFactory(centre=other_centre, name="Sala w Chrzanowie")
    client.force_login(staff(room.centre, roles.OFFICIAL))
    response = client.get(reverse("mam_rooms:index"))
    assert room.name in response.text and "Sala w Chrzanowie" not in response.text


def test_staff_cannot_edit_another_centres_room(client, room, other_centre):
    client.force_login(staff(other_centre, roles.OFFICIAL))
    assert client.get(reverse("mam_rooms:edit", args=[room.pk])).status_code == 404


def test_staff_add_a_room_to_their_own_centre_only(client, centre, other_centre):
    client.force_login(staff(centre, roles.OFFICIAL))
    data = {
        "centre": other_centre.pk,
        "name": "Sala nowa",
        "capacity": 10,
        "sort_order": 0,
        "bookable": "on",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "photos-MIN_NUM_FORMS": 0,
        "photos-MAX_NUM_FORMS": 1000,
    }
    client.post(reverse("mam_rooms:add"), data)
    assert not Room.objects.filter(name="Sala nowa").exists()
    client.post(reverse("mam_rooms:add"), {**data, "centre": centre.pk})
    assert Room.objects.get(name="Sala nowa").centre_id == centre.pk
