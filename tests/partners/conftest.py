import pytest

from tests.factories import CentrePageFactory
from tests.factories_partners import PartnerFactory, index_of
from tests.factories_rooms import organisation


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def other_centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


@pytest.fixture
def partner(centre):
    index_of(centre)
    return PartnerFactory(centre=centre, name="Stowarzyszenie Sąsiedzi", email_public=True)


@pytest.fixture
def ngo(partner):
    """The partner's confirmed organisation account."""
    user = organisation(email="ngo@example.org")
    partner.accounts.add(user)
    return user
