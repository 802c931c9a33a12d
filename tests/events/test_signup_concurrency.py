"""Sign-ups under parallel requests on PostgreSQL: never more confirmed than places, a moved
date's own number of places included.

Real threads, each with its own database connection, in real transactions.
"""

import datetime

import pytest
from django.db.models import Count

from events import services
from events.models import ActivityPage, DateChange, SignUp
from tests.concurrency import run_in_threads
from tests.events.test_pages import soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def workshop(page_tree):
    centre = CentrePageFactory(parent=page_tree, title="MAM Nowy Sącz", slug="nowy-sacz")
    return activity(centre, starts_at=soon(3), places=10)


def join(page, user):
    return lambda: services.signup_join(activity=page, day=soon(3).date(), user=user)


def test_sixty_people_signing_up_at_once_fill_exactly_the_places(workshop):
    users = UserFactory.create_batch(60)
    errors = run_in_threads([join(workshop, user) for user in users], workers=30)
    assert errors == []
    states = dict(SignUp.objects.values_list("state").annotate(n=Count("pk")).order_by())
    assert states == {"confirmed": 10, "waiting": 50}


def test_one_person_signing_up_twenty_times_at_once_has_one_place(workshop):
    user = UserFactory()
    errors = run_in_threads([join(workshop, user)] * 20, workers=20)
    assert errors == []
    assert SignUp.objects.filter(user=user).count() == 1


def test_cancellations_and_sign_ups_at_once_never_overfill(workshop):
    first = [services.signup_join(activity=workshop, day=soon(3).date(), user=UserFactory())
             for _ in range(15)]  # fmt: skip
    calls = [lambda s=s: services.signup_cancel(signup=s) for s in first[:8]]
    calls += [join(workshop, user) for user in UserFactory.create_batch(20)]
    errors = run_in_threads(calls, workers=28)
    assert errors == []
    assert SignUp.objects.filter(state="confirmed").count() == 10


def test_places_added_while_people_sign_up_go_to_the_waiting_list_first(workshop):
    day = soon(3).date()
    early = [services.signup_join(activity=workshop, day=day, user=UserFactory())
             for _ in range(15)]  # fmt: skip

    def add_places():
        ActivityPage.objects.filter(pk=workshop.pk).update(places=15)
        services.waiting_list_move_up(activity=workshop)

    calls = [add_places] + [join(workshop, user) for user in UserFactory.create_batch(20)]
    errors = run_in_threads(calls, workers=21)
    assert errors == []
    assert SignUp.objects.filter(state="confirmed").count() == 15
    assert {s.state for s in SignUp.objects.filter(pk__in=[s.pk for s in early])} == {"confirmed"}


def test_a_moved_date_with_fewer_places_never_overfills_under_parallel_sign_ups(workshop):
    later = soon(3) + datetime.timedelta(hours=2)
    DateChange.objects.create(
        activity=workshop, original_date=soon(3).date(), new_starts_at=later, places=4
    )
    errors = run_in_threads(
        [join(workshop, user) for user in UserFactory.create_batch(30)], workers=30
    )
    assert errors == []
    assert SignUp.objects.filter(state="confirmed").count() == 4
    assert SignUp.objects.filter(state="waiting").count() == 26
