import pytest

from tests.factories import CentrePageFactory


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", town="Nowy Sącz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", town="Chrzanów")
