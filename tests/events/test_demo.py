"""The demo's activities: each centre's month, one date full with a waiting list."""

import pytest
from django.utils import timezone

from demo.events import ensure_activities
from events import recurrence, selectors
from events.models import ActivityIndexPage, ActivityPage, SignUp
from tests.factories import CentrePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centres(home_page):
    return [
        CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz"),
        CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow", town="Chrzanów"),
    ]


def test_each_centre_gets_its_activities(centres):
    admin = UserFactory(is_superuser=True)
    assert ensure_activities(admin) == 12
    for centre in centres:
        index = ActivityIndexPage.objects.child_of(centre).get()
        titles = set(ActivityPage.objects.child_of(index).live().values_list("title", flat=True))
        assert {"Warsztaty segregacji odpadów", "Kurs komputerowy dla seniorów"} <= titles
        assert len(titles) == 6


def test_the_workshop_is_full_with_a_waiting_list(centres):
    ensure_activities(UserFactory(is_superuser=True))
    workshop = ActivityPage.objects.filter(title="Warsztaty segregacji odpadów").first()
    states = list(SignUp.objects.filter(activity=workshop).values_list("state", flat=True))
    assert states.count("confirmed") == workshop.places and states.count("waiting") == 2


def test_the_course_has_a_cancelled_and_a_moved_date(centres):
    ensure_activities(UserFactory(is_superuser=True))
    course = ActivityPage.objects.filter(title="Kurs komputerowy dla seniorów").first()
    now = timezone.now()
    dates = recurrence.occurrences(
        course, start=now, end=now + timezone.timedelta(days=40), with_cancelled=True
    )
    assert any(o.cancelled for o in dates) and any(o.moved for o in dates)


def test_a_second_run_adds_nothing(centres):
    admin = UserFactory(is_superuser=True)
    ensure_activities(admin)
    assert ensure_activities(admin) == 0


def test_the_centre_index_lists_the_demo_month(client, centres):
    ensure_activities(UserFactory(is_superuser=True))
    index = ActivityIndexPage.objects.child_of(centres[0]).get()
    assert len(selectors.upcoming(index)) >= 8
    assert client.get(index.url).status_code == 200
