import pytest

from tests.factories import CentrePageFactory
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
