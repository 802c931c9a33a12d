"""The person's activity sign-ups and room requests are in their personal-data download."""

import pytest

from accounts.services.privacy import user_data_export
from events import services
from rooms.models import Booking
from tests.events.test_pages import soon
from tests.factories import UserFactory
from tests.factories_events import activity
from tests.factories_rooms import RoomFactory

pytestmark = pytest.mark.django_db


def test_the_data_download_lists_the_persons_activity_signups(centre):
    page = activity(centre, title="Kurs rysunku", starts_at=soon(3), places=5)
    user = UserFactory()
    services.signup_join(activity=page, day=soon(3).date(), user=user)
    [row] = user_data_export(user)["activity_signups"]
    assert (row["activity"], row["date"], row["state"]) == (
        "Kurs rysunku", soon(3).date().isoformat(), "confirmed",
    )  # fmt: skip


def test_the_data_download_lists_the_rooms_the_person_asked_for(centre):
    user = UserFactory()
    Booking.objects.create(
        room=RoomFactory(centre=centre, name="Sala spotkań"), centre=centre,
        starts_at=soon(4), ends_at=soon(4, hour=19), state="pending", user_kind="resident",
        purpose="Spotkanie sąsiadów", people=8, requested_by=user, created_at=soon(0),
    )  # fmt: skip
    [row] = user_data_export(user)["room_bookings"]
    assert (row["room"], row["purpose"], row["state"]) == (
        "Sala spotkań", "Spotkanie sąsiadów", "pending",
    )  # fmt: skip


def test_nobody_elses_signups_are_in_the_download(centre):
    page = activity(centre, starts_at=soon(3), places=5)
    services.signup_join(activity=page, day=soon(3).date(), user=UserFactory())
    assert user_data_export(UserFactory())["activity_signups"] == []
