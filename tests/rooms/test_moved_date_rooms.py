"""A date of an activity moved to another room of the centre books that room (the other dates
keep the activity's), takes its places from the room's capacity where smaller, and a room
booked at the new time is refused with a clear message beside the date's room field."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from consultations.participation import NotAllowed
from events import recurrence
from events import services as events_services
from events.models import ActivityPage, DateChange
from rooms.models import Booking
from tests.events.test_pages import soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity
from tests.factories_rooms import RoomFactory

pytestmark = pytest.mark.django_db


def move(page, days, new_starts_at, **fields):
    return DateChange.objects.create(
        activity=page, original_date=soon(days).date(), new_starts_at=new_starts_at, **fields
    )


def publish(page):
    page.save_revision(user=UserFactory()).publish()


def booked(page) -> dict:
    rows = Booking.objects.filter(activity=page, state="confirmed")
    return {b.occurrence: (b.room.name, b.starts_at, b.people) for b in rows}


def test_a_date_moved_to_another_room_books_that_room_at_its_new_time(course, small_room):
    move(course, 9, soon(10), room=small_room)
    publish(course)
    found = booked(course)
    assert found[soon(9).date()][:2] == ("Salka kameralna", soon(10))
    assert found[soon(2).date()][0] == found[soon(16).date()][0] == "Sala warsztatowa"


def test_an_activity_held_elsewhere_books_the_room_its_moved_date_names(centre, small_room):
    walk = activity(
        centre, place="Park Strzelecki", starts_at=soon(2), recurrence="FREQ=WEEKLY;COUNT=3"
    )
    move(walk, 9, soon(9), room=small_room)  # rain: indoors that week
    publish(walk)
    assert list(booked(walk)) == [soon(9).date()]


def test_a_smaller_room_gives_the_moved_date_its_capacity_as_places(course, small_room):
    move(course, 9, soon(10), room=small_room)
    page = ActivityPage.objects.get(pk=course.pk)
    assert recurrence.places_on(page, soon(9).date()) == 4
    publish(course)
    assert booked(course)[soon(9).date()][2] == 4


def test_a_bigger_room_keeps_the_activitys_places(course, centre):
    hall = RoomFactory(centre=centre, name="Sala widowiskowa", capacity=80)
    move(course, 9, soon(10), room=hall)
    assert recurrence.places_on(ActivityPage.objects.get(pk=course.pk), soon(9).date()) == 12


def test_places_given_for_the_moved_date_win_over_the_rooms_capacity(course, small_room):
    move(course, 9, soon(10), room=small_room, places=3)
    assert recurrence.places_on(ActivityPage.objects.get(pk=course.pk), soon(9).date()) == 3


def test_a_full_smaller_room_puts_the_next_person_on_the_waiting_list(course, small_room):
    move(course, 9, soon(10), room=small_room)
    page = ActivityPage.objects.get(pk=course.pk)
    states = [
        events_services.signup_join(activity=page, day=soon(9).date(), user=UserFactory()).state
        for _ in range(5)
    ]
    assert states == ["confirmed"] * 4 + ["waiting"]


def test_a_cancelled_date_cannot_name_a_room(course, small_room):
    cancelled = DateChange(activity=course, original_date=soon(9).date(), room=small_room)
    with pytest.raises(ValidationError) as caught:
        cancelled.clean()
    assert "room" in caught.value.message_dict


def test_a_moved_date_cannot_have_more_places_than_its_room_holds(course, small_room):
    crowded = DateChange(
        activity=course, original_date=soon(9).date(), new_starts_at=soon(10), room=small_room,
        places=5,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        crowded.clean()
    assert "4" in caught.value.message_dict["places"][0]


def confirmed_booking(room, starts_at, hours=2):
    return Booking.objects.create(
        room=room, centre=room.centre, starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours), state="confirmed",
        user_kind="ngo", purpose="Próba chóru", people=4,
        created_at=starts_at - datetime.timedelta(days=5),
    )  # fmt: skip


def test_publishing_a_move_into_a_booked_room_is_refused_naming_the_room(course, small_room):
    confirmed_booking(small_room, soon(10) + datetime.timedelta(hours=1))
    move(course, 9, soon(10), room=small_room)
    with pytest.raises(NotAllowed) as caught:
        events_services.activity_room_sync(activity=course)
    assert "Salka kameralna" in caught.value.decision.message


def edit(admin_client, page, moved: dict):
    data = {
        "title": page.title,
        "slug": page.slug,
        "kind": "workshop",
        "lead": page.lead,
        "body": streamfield([]),
        "starts_at": recurrence.wall(page.starts_at).strftime("%Y-%m-%d %H:%M"),
        "ends_at": recurrence.wall(page.ends_at).strftime("%Y-%m-%d %H:%M"),
        "recurrence": page.recurrence,
        "repeat": "ADVANCED",
        "repeat_interval": "1",
        "date_changes": inline_formset([moved]),
        "room": page.room_id,
        "place": "",
        "organiser": "centre",
        "audience": "everyone",
        "places": page.places,
        "signup_closes_hours": "2",
        "action-publish": "publish",
    }
    return admin_client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data(data))


def moved_to(room, days=9, new=10) -> dict:
    return {
        "original_date": soon(days).date().isoformat(),
        "new_starts_at": recurrence.wall(soon(new)).strftime("%Y-%m-%d %H:%M"),
        "room": room.pk,
        "places": "",
        "note": "Remont sali",
    }


def test_the_editor_moves_a_date_to_another_room_and_it_is_booked(admin_client, course, small_room):
    response = edit(admin_client, course, moved_to(small_room))
    assert response.status_code == 302
    assert booked(course)[soon(9).date()][0] == "Salka kameralna"


def test_moving_a_date_into_a_booked_room_is_refused_beside_its_room_field(
    admin_client, course, small_room
):
    confirmed_booking(small_room, soon(10) + datetime.timedelta(hours=1))
    response = edit(admin_client, course, moved_to(small_room))
    assert response.status_code == 200
    [form] = response.context["form"].formsets["date_changes"].forms
    assert "Salka kameralna" in form.errors["room"][0]
    assert not DateChange.objects.filter(activity=course).exists()


def test_a_moved_date_cannot_name_another_centres_room(admin_client, course, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    elsewhere = RoomFactory(centre=other, name="Sala w Chrzanowie")
    response = edit(admin_client, course, moved_to(elsewhere))
    assert response.status_code == 200
    [form] = response.context["form"].formsets["date_changes"].forms
    assert "room" in form.errors


def test_extending_rooms_keeps_a_moved_dates_room_for_an_activity_held_elsewhere(
    centre, small_room
):
    walk = activity(centre, place="Park", starts_at=soon(2), recurrence="FREQ=WEEKLY")
    move(walk, 9, soon(9), room=small_room)
    publish(walk)
    synced, clashed = events_services.activity_rooms_extend(now=soon(1))
    assert (synced, clashed) == (1, [])
    assert list(booked(walk)) == [soon(9).date()]
