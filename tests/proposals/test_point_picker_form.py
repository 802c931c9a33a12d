"""The proposal form offers the map point picker when Leaflet is installed, and works without it."""

import pytest

from proposals.views import listing
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[20.0, 49.0], [21.0, 49.0], [21.0, 50.0], [20.0, 50.0], [20.0, 49.0]]],
}


def sub(consultation, name, **kwargs):
    return consultation.url + consultation.reverse_subpage(name, kwargs=kwargs or None)


@pytest.fixture
def form_page(client, home_page):
    consultation = open_consultation(home_page, boundary=SQUARE)
    client.force_login(confirmed_user())
    return consultation, client


def test_form_has_the_picker_script_the_map_and_the_coordinate_inputs(form_page):
    consultation, client = form_page
    page = client.get(sub(consultation, "proposal_create")).content.decode()
    assert "js/proposal-point-picker.js" in page
    assert "leaflet/leaflet.js" in page
    assert 'id="point-picker-map"' in page
    assert (
        'aria-label="Map for marking the point"' in page
        or 'id="point-picker-map" role="region"' in page
    )
    assert 'data-lat-input="id_latitude"' in page
    assert '<label class="field__label" for="id_latitude">' in page
    assert '<label class="field__label" for="id_longitude">' in page
    assert 'id="point-picker-boundary"' in page  # the area's outline for the map


def test_form_without_leaflet_keeps_only_the_inputs(form_page, monkeypatch):
    consultation, client = form_page
    monkeypatch.setattr(listing, "leaflet_available", lambda: False)
    page = client.get(sub(consultation, "proposal_create")).content.decode()
    assert "proposal-point-picker.js" not in page
    assert "point-picker-map" not in page
    assert 'name="latitude"' in page and 'name="longitude"' in page
    assert 'name="place"' in page


def test_edit_page_offers_the_picker_with_the_saved_point(form_page):
    consultation, client = form_page
    user = confirmed_user()
    client.force_login(user)
    proposal = ProposalFactory(
        consultation=consultation, author=user, latitude="49.5", longitude="20.5"
    )
    page = client.get(sub(consultation, "proposal_edit", pk=proposal.pk)).content.decode()
    assert "js/proposal-point-picker.js" in page
    assert 'value="49.500000"' in page
