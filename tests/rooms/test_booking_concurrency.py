"""Room bookings under parallel requests on PostgreSQL: two confirmed bookings of a room
never overlap, whether staff confirm at once or an activity takes the room at the same time.

Real threads, each with its own database connection, in real transactions.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction

from rooms import services
from rooms.models import Booking
from tests.concurrency import run_in_threads
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import warsaw
from tests.factories_rooms import RoomFactory, index_of, open_weekdays, resident_of
from tests.rooms.test_services import NOW

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def room(page_tree):
    centre = CentrePageFactory(parent=page_tree, title="MAM Nowy Sącz", slug="nowy-sacz")
    open_weekdays(centre, open_requests=5)
    index_of(centre)
    return RoomFactory(centre=centre, name="Sala spotkań")


def requests(room, count):
    """`count` waiting requests of different residents, all overlapping one another."""
    found = []
    for number in range(count):
        starts = warsaw(2027, 3, 3, 10) + datetime.timedelta(minutes=5 * number)
        found.append(
            services.booking_request(
                room=room,
                user=resident_of(room.centre),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                purpose="Spotkanie",
                people=5,
                user_kind="resident",
                now=NOW,
            )
        )
    return found


def test_twenty_overlapping_confirmations_at_once_confirm_one(room):
    staff = UserFactory()
    calls = [
        lambda b=b: services.booking_confirm(booking=b, by=staff, now=NOW)
        for b in requests(room, 20)
    ]
    errors = run_in_threads(calls, workers=20)
    assert Booking.objects.confirmed().count() == 1
    assert len(errors) == 19
    assert {error.code for error in errors} == {"overlap"}


def test_activity_and_confirmations_at_once_never_overlap(room, page_tree):
    staff = UserFactory()
    slot = (datetime.date(2027, 3, 3), warsaw(2027, 3, 3, 11), warsaw(2027, 3, 3, 12))
    calls = [
        lambda b=b: services.booking_confirm(booking=b, by=staff, now=NOW)
        for b in requests(room, 10)
    ]
    calls.append(
        lambda: services.activity_bookings_replace(
            activity=page_tree, room=room, slots=[slot], user_kind="centre", now=NOW
        )
    )
    run_in_threads(calls, workers=11)
    confirmed = list(Booking.objects.confirmed().order_by("starts_at"))
    assert len(confirmed) == 1


def test_database_refuses_an_overlapping_confirmed_booking_written_around_the_services(room):
    first, second = requests(room, 2)
    Booking.objects.filter(pk=first.pk).update(state="confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(state="confirmed")
