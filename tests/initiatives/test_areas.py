"""An initiative's optional area: one closed GeoJSON polygon of at most MAX_VERTICES corners
in Poland, typed (without JavaScript) or drawn on the map; shown on the initiative's page."""

import json

import pytest
from django.core.exceptions import ValidationError

from initiatives import areas
from initiatives.models import Initiative
from tests.initiatives.helpers import resident, running

pytestmark = pytest.mark.django_db

SQUARE = [[20.69, 49.62], [20.70, 49.62], [20.70, 49.63], [20.69, 49.63], [20.69, 49.62]]
POLYGON = {"type": "Polygon", "coordinates": [SQUARE]}


def test_closed_polygon_in_poland_is_accepted():
    assert areas.area_clean(POLYGON) == POLYGON


def test_feature_is_stored_as_its_polygon():
    assert areas.area_clean({"type": "Feature", "geometry": POLYGON}) == POLYGON


def test_empty_area_is_none():
    assert areas.area_parse("  ") is None


def test_open_ring_is_refused():
    with pytest.raises(ValidationError, match="closed|zamknięty"):
        areas.area_clean({"type": "Polygon", "coordinates": [SQUARE[:-1]]})


def test_too_many_corners_are_refused():
    ring = [[20.6 + n / 10_000, 49.6 + (n % 2) / 1000] for n in range(areas.MAX_VERTICES + 1)]
    with pytest.raises(ValidationError, match=str(areas.MAX_VERTICES)):
        areas.area_clean({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})


def test_area_outside_poland_is_refused():
    berlin = [[13.40, 52.52], [13.41, 52.52], [13.41, 52.53], [13.40, 52.52]]
    with pytest.raises(ValidationError, match="Poland|Polsce"):
        areas.area_clean({"type": "Polygon", "coordinates": [berlin]})


def test_polygon_with_a_hole_is_refused():
    with pytest.raises(ValidationError):
        areas.area_clean({"type": "Polygon", "coordinates": [SQUARE, SQUARE]})


def test_two_corners_are_not_an_area():
    line = [[20.69, 49.62], [20.70, 49.62], [20.69, 49.62], [20.69, 49.62]]
    with pytest.raises(ValidationError):
        areas.area_clean({"type": "Polygon", "coordinates": [line]})


@pytest.mark.parametrize("text", ["{", '"tekst"', '{"type": "Point", "coordinates": [20, 49]}'])
def test_text_that_is_not_a_polygon_is_refused(text):
    with pytest.raises(ValidationError):
        areas.area_parse(text)


def test_non_numbers_are_refused_not_a_server_error():
    ring = [["a", 49.62], [20.70, 49.62], [20.70, 49.63], ["a", 49.62]]
    with pytest.raises(ValidationError):
        areas.area_clean({"type": "Polygon", "coordinates": [ring]})


def test_typed_area_is_saved_from_the_start_form_without_javascript(client, index):
    client.force_login(resident(index.centre))
    response = client.post(
        index.url + "nowa/",
        {"title": "Skwer", "issue": "Brak ławek.", "goal": "Ławki.", "area": json.dumps(POLYGON)},
    )
    assert response.status_code == 302
    assert Initiative.objects.get().area == POLYGON


def test_start_form_shows_the_area_error_beside_the_field(client, index):
    client.force_login(resident(index.centre))
    open_ring = {"type": "Polygon", "coordinates": [SQUARE[:-1]]}
    response = client.post(
        index.url + "nowa/",
        {"title": "Skwer", "issue": "B", "goal": "Ł", "area": json.dumps(open_ring)},
        HTTP_ACCEPT_LANGUAGE="pl",
    )
    assert response.status_code == 400
    assert 'id="id_area"' in response.content.decode()
    assert not Initiative.objects.exists()


def test_start_form_offers_the_map_pickers_over_the_typed_fields(client, index):
    client.force_login(resident(index.centre))
    page = client.get(index.url + "nowa/").content.decode()
    assert 'id="point-picker"' in page and 'id="area-picker"' in page
    assert "js/initiative-area.js" in page
    assert 'name="latitude"' in page and 'name="area"' in page


def test_start_form_says_one_of_place_point_or_area_is_needed_not_that_each_is_optional(
    client, index
):
    client.force_login(resident(index.centre))
    page = client.get(index.url + "nowa/").content.decode()
    where = page[page.index("Gdzie") : page.index("</fieldset>", page.index("Gdzie"))]
    assert "Podaj co najmniej jedno: miejsce słowami, punkt na mapie albo obszar." in where
    assert "nieobowiązkowo" not in where


def test_initiative_page_draws_its_area_on_the_map(client, index):
    initiative = running(index)
    Initiative.objects.filter(pk=initiative.pk).update(area=POLYGON)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert 'id="initiative-map-data"' in page
    assert "20.69" in page.split('id="initiative-map-data"')[1]
    assert "js/initiative-map.js" in page


def test_initiative_without_point_or_area_loads_no_map(client, index):
    initiative = running(index)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "initiative-map.js" not in page
