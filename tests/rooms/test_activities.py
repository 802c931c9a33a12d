"""An activity held in a room books it for each date when published, frees it when
unpublished, and cannot be placed over a confirmed booking (a clear message)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from config import schedule
from events import services as events_services
from events.models import ActivityPage, DateChange
from rooms.models import Booking
from tests.events.test_pages import soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity, index_of
from tests.factories_rooms import RoomFactory
from tests.factories_rooms import index_of as rooms_index_of

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision(user=UserFactory()).publish()


def test_publishing_a_weekly_activity_books_its_room_for_each_date(room, centre):
    course = activity(centre, room=room, starts_at=soon(2), recurrence="FREQ=WEEKLY;COUNT=4")
    publish(course)
    dates = Booking.objects.filter(activity=course, room=room, state="confirmed")
    assert dates.count() == 4


def test_unpublishing_frees_the_room(room, centre):
    course = activity(centre, room=room, starts_at=soon(2))
    publish(course)
    course.unpublish()
    assert not Booking.objects.filter(activity=course).exists()


def test_activity_over_a_confirmed_booking_is_refused_with_the_date(room, centre):
    starts = soon(2)
    Booking.objects.create(
        room=room, centre=centre, starts_at=starts + datetime.timedelta(hours=1),
        ends_at=starts + datetime.timedelta(hours=3), state="confirmed", user_kind="ngo",
        purpose="Warsztaty", people=5, created_at=starts - datetime.timedelta(days=5),
    )  # fmt: skip
    page = ActivityPage(
        title="Kurs", lead="Zajęcia.", starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2), room=room,
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        page.clean()
    assert "room" in caught.value.message_dict


def test_room_choices_are_the_activity_centres_rooms(room, centre, home_page, admin_client):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    RoomFactory(centre=other, name="Sala w Chrzanowie")
    index = index_of(centre)
    response = admin_client.get(f"/admin/pages/add/events/activitypage/{index.pk}/")
    assert response.status_code == 200
    assert "Sala warsztatowa" in response.text and "Sala w Chrzanowie" not in response.text


def _week_of(room, starts):
    monday = starts.date() - datetime.timedelta(days=starts.weekday())
    return f"{rooms_index_of(room.centre).url}{room.pk}/?tydzien={monday}"


def test_public_week_names_a_public_activity(client, room, centre):
    starts = soon(2)
    course = activity(centre, room=room, starts_at=starts, title="Kurs komputerowy")
    publish(course)
    text = client.get(_week_of(room, starts)).text
    assert "Kurs komputerowy" in text


def test_public_week_shows_a_restricted_activity_as_busy_only(client, room, centre):
    starts = soon(2)
    course = activity(centre, room=room, starts_at=starts, title="Spotkanie zamknięte")
    publish(course)
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    text = client.get(_week_of(room, starts)).text
    assert "Spotkanie zamknięte" not in text
    assert "zarezerwowane" in text


def test_public_week_hides_an_activity_under_a_restricted_index(client, room, centre):
    starts = soon(2)
    course = activity(centre, room=room, starts_at=starts, title="Dyżur dla członków")
    publish(course)
    PageViewRestriction.objects.create(
        page=course.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert "Dyżur dla członków" not in client.get(_week_of(room, starts)).text


def test_activity_page_links_to_its_rooms_week_at_its_date(client, room, centre):
    starts = soon(9)
    course = activity(centre, room=room, starts_at=starts)
    publish(course)
    text = client.get(course.url).text
    local_day = starts.astimezone(datetime.UTC).astimezone(starts.tzinfo).date()
    assert f"{room.pk}/?tydzien={local_day.isoformat()}" in text


def test_activity_page_without_a_room_has_no_week_link(client, centre):
    course = activity(centre, starts_at=soon(9))
    assert "tydzien=" not in client.get(course.url).text


def test_a_weekly_activity_keeps_its_room_a_year_ahead_as_time_passes(room, centre):
    course = activity(centre, room=room, starts_at=soon(2), recurrence="FREQ=WEEKLY")
    publish(course)
    horizon = Booking.objects.filter(activity=course).latest("starts_at").starts_at
    later = horizon - datetime.timedelta(days=30)  # a year on, the booked dates run out
    synced, clashed = events_services.activity_rooms_extend(now=later)
    assert (synced, clashed) == (1, [])
    new_horizon = Booking.objects.filter(activity=course).latest("starts_at").starts_at
    assert new_horizon > horizon + datetime.timedelta(days=300)  # about a year on again


def test_extending_leaves_an_activity_with_a_clash_as_it_was(room, centre):
    course = activity(centre, room=room, starts_at=soon(2), recurrence="FREQ=WEEKLY")
    publish(course)
    horizon = Booking.objects.filter(activity=course).latest("starts_at")
    clash_start = horizon.starts_at + datetime.timedelta(days=7)
    Booking.objects.create(
        room=room,
        centre=room.centre,
        starts_at=clash_start,
        ends_at=clash_start + datetime.timedelta(hours=1),
        state=Booking.State.CONFIRMED,
        user_kind=Booking.UserKind.NGO,
        purpose="Warsztaty",
        created_at=soon(0),
    )
    before = Booking.objects.filter(activity=course).count()
    synced, clashed = events_services.activity_rooms_extend(now=soon(30))
    assert (synced, [page.pk for page in clashed]) == (0, [course.pk])
    assert Booking.objects.filter(activity=course).count() == before


def test_extending_rooms_is_on_the_daily_schedule():
    assert ("extend_activity_rooms", schedule.DAY) in schedule.SCHEDULE


def test_a_moved_date_with_its_own_places_books_the_room_for_that_many(room, centre):
    course = activity(
        centre, room=room, starts_at=soon(2), places=12, recurrence="FREQ=WEEKLY;COUNT=3"
    )
    DateChange.objects.create(
        activity=course, original_date=soon(9).date(), new_starts_at=soon(10), places=5
    )
    publish(course)
    people = dict(Booking.objects.filter(activity=course).values_list("occurrence", "people"))
    assert people == {soon(2).date(): 12, soon(9).date(): 5, soon(16).date(): 12}
