"""The rooms and partners indexes share one base (home.centre_sections): one per centre,
under a centre only, the centre as `centre`, copies keyed on the listings' version."""

import pytest

from config import cache_versions
from home.centre_sections import CentreSectionIndex
from partners.models import PartnerIndexPage
from rooms.models import RoomIndexPage
from tests.factories import CentrePageFactory

pytestmark = pytest.mark.django_db

INDEXES = [RoomIndexPage, PartnerIndexPage]


@pytest.mark.parametrize("model", INDEXES)
def test_index_is_one_per_centre_under_its_centre(model, home_page):
    centre = CentrePageFactory(parent=home_page)
    assert issubclass(model, CentreSectionIndex)
    assert model.can_create_at(centre) and not model.can_create_at(home_page)
    index = centre.add_child(instance=model(title="Indeks", slug="indeks", intro="Wstęp"))
    assert not model.can_create_at(centre)
    assert index.centre == centre
    assert index.page_copy_versions() == (cache_versions.LISTINGS_KEY,)


@pytest.mark.parametrize("model", INDEXES)
def test_index_keeps_its_own_introduction_field(model):
    field = model._meta.get_field("intro")
    assert field.model is model and field.blank
