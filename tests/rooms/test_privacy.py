"""A person's room bookings: in their data download, and cancelled when the account goes."""

import datetime

import pytest

from accounts.services import privacy
from rooms import services
from rooms.models import Booking
from tests.factories_events import warsaw
from tests.factories_rooms import resident_of

pytestmark = pytest.mark.django_db


def ask(room, user, starts):
    return services.booking_request(
        room=room,
        user=user,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        purpose="Spotkanie sąsiadów",
        people=10,
        user_kind="resident",
        now=starts - datetime.timedelta(days=2),
    )


def test_the_data_download_lists_the_persons_bookings(room, centre):
    user = resident_of(centre)
    ask(room, user, warsaw(2027, 3, 3, 17))
    bookings = privacy.user_data_export(user)["room_bookings"]
    assert [(b["room"], b["purpose"], b["state"]) for b in bookings] == [
        ("Sala warsztatowa", "Spotkanie sąsiadów", "pending")
    ]


def test_deleting_the_account_cancels_a_coming_booking(room, centre):
    user = resident_of(centre)
    booking = ask(room, user, warsaw(2027, 3, 3, 17))
    privacy.user_delete(user=user)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED and booking.cancelled_at


def test_a_past_booking_stays_for_the_yearly_usage(room, centre):
    user = resident_of(centre)
    booking = ask(room, user, warsaw(2026, 3, 4, 17))
    Booking.objects.filter(pk=booking.pk).update(state=Booking.State.CONFIRMED)
    privacy.user_delete(user=user)
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED


def test_deleting_one_account_leaves_another_persons_booking(room, centre):
    booking = ask(room, resident_of(centre), warsaw(2027, 3, 3, 17))
    privacy.user_delete(user=resident_of(centre))
    booking.refresh_from_db()
    assert booking.state == Booking.State.PENDING
