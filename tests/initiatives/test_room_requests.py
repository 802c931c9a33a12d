"""A room for the group: its leaders ask through the rooms app's request; the page lists it."""

import datetime

import pytest
from django.utils import timezone

from consultations.participation import NotAllowed
from initiatives.services import membership, rooms
from rooms.models import Booking
from tests.factories_proposals import confirmed_user
from tests.factories_rooms import RoomFactory, index_of, open_weekdays
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(index):
    centre = index.centre
    open_weekdays(centre, ahead_days=60, longest_hours=4, open_requests=3)
    index_of(centre)
    return RoomFactory(centre=centre, name="Sala warsztatowa", capacity=20)


def _day():
    return timezone.localdate() + datetime.timedelta(days=3)


def _post(room, **extra):
    return {
        "room": room.pk,
        "day": _day().isoformat(),
        "starts": "17:00",
        "ends": "19:00",
        "purpose": "Spotkanie grupy",
        "people": 8,
        "user_kind": "resident",
        **extra,
    }


def test_coordinator_sees_the_request_a_room_link(client, index, room):
    initiative = running(index)
    client.force_login(initiative.started_by)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert f"{initiative.pk}/sala/" in page


def test_visitor_does_not_see_the_link(client, index, room):
    initiative = running(index)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert f"{initiative.pk}/sala/" not in page


def test_form_is_prefilled_with_the_initiative(client, index, room):
    initiative = running(index, title="Zielone podwórko")
    client.force_login(initiative.started_by)
    response = client.get(f"{initiative.get_absolute_url()}sala/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sala warsztatowa" in page
    assert "Zielone podwórko" in page


def test_coordinator_request_makes_a_waiting_booking_recorded_on_the_initiative(
    client, index, room
):
    initiative = running(index)
    client.force_login(initiative.started_by)
    response = client.post(f"{initiative.get_absolute_url()}sala/", _post(room))
    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.state == Booking.State.PENDING
    assert booking.requested_by == initiative.started_by
    assert list(initiative.room_bookings.all()) == [booking]


def test_ordinary_member_is_refused(client, index, room):
    initiative = running(index)
    member = confirmed_user()
    membership.initiative_join(initiative=initiative, user=member, kind="member", show_name=True)
    client.force_login(member)
    response = client.post(f"{initiative.get_absolute_url()}sala/", _post(room))
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_centre_rule_refusal_is_a_form_error(client, index, room):
    initiative = running(index)
    client.force_login(initiative.started_by)
    response = client.post(f"{initiative.get_absolute_url()}sala/", _post(room, people=50))
    assert response.status_code == 200
    assert "20" in response.content.decode()
    assert not Booking.objects.exists()


def test_room_of_another_centre_is_refused(index, room, home_page):
    initiative = running(index)
    other = centre_with_index(home_page, slug="chrzanow", title="MAM Chrzanów")[0]
    open_weekdays(other, ahead_days=60, longest_hours=4)
    elsewhere = RoomFactory(centre=other, name="Sala obca", capacity=20)
    starts = timezone.make_aware(datetime.datetime.combine(_day(), datetime.time(17)))
    with pytest.raises(NotAllowed):
        rooms.room_request(
            initiative=initiative,
            user=initiative.started_by,
            room=elsewhere,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            purpose="x",
            people=3,
            user_kind="resident",
        )


def test_members_see_the_groups_waiting_booking(client, index, room):
    initiative = running(index)
    client.force_login(initiative.started_by)
    client.post(f"{initiative.get_absolute_url()}sala/", _post(room))
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Rooms booked for the group" in page or "Sale zarezerwowane dla grupy" in page
    assert "Sala warsztatowa" in page


def test_declined_booking_is_not_listed(client, index, room):
    initiative = running(index)
    client.force_login(initiative.started_by)
    client.post(f"{initiative.get_absolute_url()}sala/", _post(room))
    Booking.objects.update(state=Booking.State.DECLINED, decline_reason="Remont")
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "Sala warsztatowa" not in page
