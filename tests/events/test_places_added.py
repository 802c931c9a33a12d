"""Places added to an activity move its waiting lists up, in order, with the moved-up email."""

import datetime

import pytest
from django.core import mail

from events import services
from events.models import ActivityPage, SignUp
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity, change

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(centre):
    return activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=1)


def join(page, day=None):
    return services.signup_join(activity=page, day=day or soon(3).date(), user=UserFactory())


def state(signup) -> str:
    return SignUp.objects.get(pk=signup.pk).state


def raise_places(page, places):
    page = ActivityPage.objects.get(pk=page.pk)
    page.places = places
    page.save_revision(user=UserFactory()).publish()


def test_publishing_more_places_moves_the_first_waiting_people_up_in_order(workshop):
    _taken, first, second, third = (join(workshop) for _ in range(4))
    mail.outbox.clear()
    raise_places(workshop, 3)
    assert [state(s) for s in (first, second, third)] == ["confirmed", "confirmed", "waiting"]
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [first.user.email, second.user.email]
    )
    assert all("Warsztaty segregacji" in email.subject for email in mail.outbox)


def test_more_places_than_people_waiting_confirms_all_of_them(workshop):
    waiting = [join(workshop) for _ in range(3)][1:]
    raise_places(workshop, 10)
    assert [state(s) for s in waiting] == ["confirmed", "confirmed"]


def test_each_date_of_a_repeating_activity_gets_the_added_places(centre):
    page = activity(centre, starts_at=soon(3), places=1, recurrence="FREQ=WEEKLY")
    week_later = soon(10).date()
    waiting = [join(page) for _ in range(2)][1]
    waiting_later = [join(page, week_later) for _ in range(2)][1]
    raise_places(page, 2)
    assert state(waiting) == "confirmed" and state(waiting_later) == "confirmed"


def test_fewer_places_move_nobody_and_confirm_nobody_away(workshop):
    confirmed, waiting = join(workshop), join(workshop)
    raise_places(workshop, 0)
    assert state(confirmed) == "confirmed" and state(waiting) == "waiting"


def test_a_date_already_begun_or_cancelled_moves_nobody(centre):
    page = activity(centre, starts_at=soon(3), places=1, recurrence="FREQ=WEEKLY")
    waiting = [join(page) for _ in range(2)][1]
    change(page, soon(3).date())
    assert services.waiting_list_move_up(activity=page) == []
    page.date_changes.all().delete()
    ActivityPage.objects.filter(pk=page.pk).update(places=2)
    after_start = soon(3) + datetime.timedelta(minutes=5)
    assert services.waiting_list_move_up(activity=page, now=after_start) == []
    assert state(waiting) == "waiting"


def test_the_service_returns_whom_it_moved_up(workshop):
    waiting = [join(workshop) for _ in range(2)][1]
    ActivityPage.objects.filter(pk=workshop.pk).update(places=2)
    assert services.waiting_list_move_up(activity=workshop) == [waiting]


def test_a_sign_up_after_places_were_saved_but_before_the_queue_moved_goes_behind_it(workshop):
    waiting = [join(workshop) for _ in range(2)][1]
    ActivityPage.objects.filter(pk=workshop.pk).update(places=2)
    newcomer = join(workshop)
    assert state(waiting) == "confirmed" and newcomer.state == "waiting"
