"""A moved date may have its own number of places (a smaller room): sign-ups keep to it,
the other dates keep the activity's, and the staff screens and lists show the date's own."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import roles
from events import recurrence, selectors, services
from events.models import DateChange
from tests.accounts.staff_helpers import staff
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly(centre):
    """Every week from in three days, ten places; next week's date moved a day later into a
    room with three places."""
    page = activity(centre, starts_at=soon(3), places=10, recurrence="FREQ=WEEKLY;COUNT=4")
    DateChange.objects.create(
        activity=page, original_date=soon(10).date(), new_starts_at=soon(11), places=3
    )
    return page


def join(page, days):
    return services.signup_join(activity=page, day=soon(days).date(), user=UserFactory())


def test_a_moved_date_with_fewer_places_puts_the_rest_on_the_waiting_list(weekly):
    states = [join(weekly, 10).state for _ in range(4)]
    assert states == ["confirmed", "confirmed", "confirmed", "waiting"]


def test_the_other_dates_keep_the_activitys_places(weekly):
    assert recurrence.places_on(weekly, soon(3).date()) == 10
    assert recurrence.places_on(weekly, soon(10).date()) == 3


def test_a_moved_date_without_its_own_number_keeps_the_activitys(centre):
    page = activity(centre, starts_at=soon(3), places=10, recurrence="FREQ=WEEKLY;COUNT=4")
    DateChange.objects.create(activity=page, original_date=soon(10).date(), new_starts_at=soon(11))
    assert recurrence.places_on(page, soon(10).date()) == 10


def test_a_cancelled_date_cannot_have_places(weekly):
    change = DateChange(activity=weekly, original_date=soon(17).date(), places=5)
    with pytest.raises(ValidationError) as error:
        change.full_clean()
    assert "places" in error.value.message_dict


def test_lists_count_the_places_left_of_the_dates_own_number(weekly):
    join(weekly, 10)
    found = selectors.entries(
        recurrence.occurrences(weekly, start=soon(9), end=soon(12) + datetime.timedelta(days=1))
    )
    assert [entry.places_left for entry in found] == [2]


def test_more_places_on_the_moved_date_move_its_waiting_list_up(weekly):
    for _ in range(4):
        join(weekly, 10)
    DateChange.objects.filter(activity=weekly).update(places=5)
    moved = services.waiting_list_move_up(activity=weekly)
    assert len(moved) == 1


def test_the_staff_date_screen_shows_the_dates_own_places(client, weekly, centre):
    client.force_login(staff(centre, roles.EDITOR))
    url = reverse("activity_signups:date", args=[weekly.pk, soon(10).date().isoformat()])
    response = client.get(url)
    assert response.status_code == 200
    assert "Signed up: 0 of 3 places" in response.text
