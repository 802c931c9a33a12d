"""Editing an initiative through the API (PATCH with a token, the site's edit service) and its
area in the read representation."""

import pytest
from wagtail.models import ModelLogEntry

from initiatives.history import EDIT_ACTION
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running, started
from tests.initiatives.test_api import token_client

pytestmark = pytest.mark.django_db

SQUARE = [[20.69, 49.62], [20.70, 49.62], [20.70, 49.63], [20.69, 49.63], [20.69, 49.62]]
POLYGON = {"type": "Polygon", "coordinates": [SQUARE]}


@pytest.fixture
def initiative(home_page):
    return running(centre_with_index(home_page)[1], area=POLYGON)


def _url(initiative) -> str:
    return f"/api/v1/initiatives/{initiative.pk}/"


def test_the_read_representation_carries_the_area_as_geojson(client, initiative):
    assert client.get(_url(initiative)).json()["area"] == POLYGON
    listed = client.get("/api/v1/initiatives/").json()["results"][0]
    assert listed["area"] == POLYGON


def test_the_coordinator_changes_the_goal_and_clears_the_area(initiative):
    api = token_client(initiative.started_by)
    response = api.patch(_url(initiative), {"goal": "Ławka.", "area": None}, format="json")
    assert response.status_code == 200
    assert response.json()["goal"] == "Ławka."
    assert response.json()["area"] is None
    entry = ModelLogEntry.objects.for_instance(initiative).get(action=EDIT_ACTION)
    assert entry.data["changed"] == ["goal", "area"]


def test_the_organiser_edits_with_a_token(initiative):
    api = token_client(organiser(initiative.centre))
    response = api.patch(_url(initiative), {"place": "ul. Lwowska 14"}, format="json")
    assert response.status_code == 200


def test_a_resident_who_does_not_coordinate_gets_a_403(initiative):
    response = token_client(confirmed_user()).patch(_url(initiative), {"goal": "X"}, format="json")
    assert response.status_code == 403


def test_signed_out_gets_a_401(client, initiative):
    response = client.patch(_url(initiative), {"goal": "X"}, content_type="application/json")
    assert response.status_code == 401


def test_a_broken_area_is_a_400_naming_the_field(initiative):
    api = token_client(initiative.started_by)
    area = {"type": "Polygon", "coordinates": [SQUARE[:-1]]}
    response = api.patch(_url(initiative), {"area": area}, format="json")
    assert response.status_code == 400
    assert "area" in response.json()["error"]["fields"]


def test_a_waiting_initiative_is_not_found_for_others(initiative):
    waiting = started(initiative.index, title="Czeka")
    response = token_client(confirmed_user()).patch(_url(waiting), {"goal": "X"}, format="json")
    assert response.status_code == 404


def test_the_coordinator_edits_a_waiting_initiative(initiative):
    waiting = started(initiative.index, title="Czeka")
    api = token_client(waiting.started_by)
    response = api.patch(_url(waiting), {"title": "Czeka dalej"}, format="json")
    assert response.status_code == 200
