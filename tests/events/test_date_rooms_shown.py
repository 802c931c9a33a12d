"""A date moved to another room of the centre shows that room wherever the date is told:
the activity's page and the lists, the iCal feed, the emails, the attendance list, the API."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import selectors, services
from events.models import DateChange
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity, index_of
from tests.factories_rooms import RoomFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_room(centre):
    return RoomFactory(centre=centre, name="Salka kameralna", capacity=4)


@pytest.fixture
def course(centre, small_room):
    """Weekly from in three days, ten places, in "Sala duża"; next week's date moved a day
    later into the small room (four places)."""
    page = activity(
        centre, title="Kurs rysunku", starts_at=soon(3), places=10,
        recurrence="FREQ=WEEKLY;COUNT=4",
    )  # fmt: skip
    DateChange.objects.create(
        activity=page, original_date=soon(10).date(), new_starts_at=soon(11), room=small_room
    )
    return page


def test_the_activity_page_names_the_moved_dates_room(client, course):
    html = client.get(course.url).content.decode()
    assert "Salka kameralna" in html


def test_the_list_names_the_moved_dates_room_and_the_others_their_place(client, course):
    entries = selectors.upcoming(index_of(course.get_parent().get_parent()))
    where = {e.occurrence.key: e.occurrence.where_in_centre for e in entries}
    assert where[soon(10).date()] == "Salka kameralna"
    assert where[soon(3).date()] == "Sala duża"


def test_the_list_page_shows_the_moved_dates_room(client, course):
    html = client.get(index_of(course.get_parent().get_parent()).url).content.decode()
    assert "Salka kameralna" in html


def test_lists_read_moved_dates_rooms_in_a_fixed_number_of_queries(centre, course, small_room):
    root = index_of(centre)
    with CaptureQueriesContext(connection) as one:
        selectors.upcoming(root)
    for n in range(3):
        more = activity(centre, starts_at=soon(4), recurrence="FREQ=WEEKLY;COUNT=3", places=5)
        DateChange.objects.create(
            activity=more,
            original_date=soon(11).date(),
            new_starts_at=soon(12, hour=9 + n),
            room=RoomFactory(centre=centre),
        )
    with CaptureQueriesContext(connection) as many:
        selectors.upcoming(root)
    assert len(many) == len(one)


def feed(client, page):
    response = client.get(page.url + "kalendarz.ics")
    assert response.status_code == 200
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_ical_gives_the_moved_date_its_own_event_with_the_rooms_location(client, course):
    series, moved = feed(client, course)
    assert str(moved["uid"]) == str(series["uid"])
    assert moved.decoded("recurrence-id") == soon(10)
    assert moved.decoded("dtstart") == soon(11)
    assert str(moved["location"]).startswith("Salka kameralna")
    assert str(series["location"]).startswith("Sala duża")


def test_ical_of_a_one_off_moved_to_another_room_carries_that_room(client, centre, small_room):
    page = activity(centre, starts_at=soon(5))
    DateChange.objects.create(
        activity=page, original_date=soon(5).date(), new_starts_at=soon(6), room=small_room
    )
    [event] = feed(client, page)
    assert str(event["location"]).startswith("Salka kameralna")


def test_the_reminder_names_the_moved_dates_room(course):
    services.signup_join(activity=course, day=soon(10).date(), user=UserFactory(), now=soon(1))
    mail.outbox.clear()
    evening_before = soon(10, hour=18)
    assert services.reminders_send(now=evening_before) == 1
    assert "Salka kameralna" in mail.outbox[0].body


def test_the_moved_date_email_names_the_new_room(course):
    services.signup_join(activity=course, day=soon(10).date(), user=UserFactory())
    mail.outbox.clear()
    assert services.date_changes_notify(activity=course) == 1
    assert "Salka kameralna" in mail.outbox[0].body


def test_naming_a_room_for_an_already_told_move_tells_people_again(centre, small_room):
    page = activity(centre, starts_at=soon(3), places=5, recurrence="FREQ=WEEKLY;COUNT=3")
    change = DateChange.objects.create(
        activity=page, original_date=soon(10).date(), new_starts_at=soon(11)
    )
    services.signup_join(activity=page, day=soon(10).date(), user=UserFactory())
    services.date_changes_notify(activity=page)
    change.room = small_room
    change.save()
    assert services.date_changes_notify(activity=page) == 1


def test_the_attendance_list_names_the_moved_dates_room(admin_client, course):
    url = reverse("activity_signups:sheet", args=[course.pk, soon(10).date().isoformat()])
    html = admin_client.get(url).content.decode()
    assert "Salka kameralna" in html


def api_date(client, page, day: datetime.date) -> dict:
    rows = client.get("/api/v1/activities/?days=30").json()["results"]
    return next(r for r in rows if r["activity"]["id"] == page.pk and r["date"] == str(day))


def test_the_api_gives_a_moved_dates_own_places_and_room(client, course, small_room):
    row = api_date(client, course, soon(10).date())
    assert (row["places"], row["room"], row["room_id"]) == (4, "Salka kameralna", small_room.pk)


def test_the_api_gives_the_other_dates_the_activitys_places(client, course):
    row = api_date(client, course, soon(3).date())
    assert (row["places"], row["room"], row["room_id"]) == (10, "", None)


def test_the_schema_documents_a_dates_places_and_room(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    fields = schema["components"]["schemas"]["Date"]["properties"]
    assert {"places", "room", "room_id"} <= set(fields)
    assert "moved date" in fields["places"]["description"]
