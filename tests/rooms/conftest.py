import pytest

from tests.events.test_pages import soon
from tests.factories import CentrePageFactory
from tests.factories_events import activity
from tests.factories_rooms import RoomFactory, index_of, open_weekdays


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def rules(centre):
    return open_weekdays(centre, ahead_days=60, longest_hours=4, open_requests=2)


@pytest.fixture
def room(centre, rules):
    index_of(centre)
    return RoomFactory(centre=centre, name="Sala warsztatowa", capacity=20)


@pytest.fixture
def small_room(centre):
    return RoomFactory(centre=centre, name="Salka kameralna", capacity=4)


@pytest.fixture
def course(room):
    """Every week from in two days, twelve places, in the workshop room; three dates."""
    return activity(
        room.centre, room=room, starts_at=soon(2), places=12, recurrence="FREQ=WEEKLY;COUNT=3"
    )
