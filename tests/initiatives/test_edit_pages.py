"""The edit page of an initiative (…/inicjatywy/<id>/zmien/): the coordinator's and the
organiser's, without JavaScript, with an error summary and a 400 on bad input, rate-limited;
the map pickers open on the initiative's centre (and on the point and area already given)."""

import json
import re

import pytest

from initiatives.models import Initiative
from initiatives.views import editing as edit_views
from tests.initiatives.helpers import organiser, resident, running

pytestmark = pytest.mark.django_db

SQUARE = [[20.69, 49.62], [20.70, 49.62], [20.70, 49.63], [20.69, 49.63], [20.69, 49.62]]
POLYGON = {"type": "Polygon", "coordinates": [SQUARE]}


def _url(initiative) -> str:
    return initiative.get_absolute_url() + "zmien/"


def _form(initiative, **changes) -> dict:
    return {
        "title": initiative.title,
        "issue": initiative.issue,
        "goal": initiative.goal,
        "place": initiative.place,
        **changes,
    }


def test_the_coordinator_sees_the_form_filled_with_the_initiative(client, index):
    initiative = running(index)
    client.force_login(initiative.started_by)
    page = client.get(_url(initiative)).content.decode()
    assert "Chcemy posadzić drzewa i krzewy." in page
    assert 'name="show_name"' not in page


def test_a_resident_who_does_not_coordinate_is_refused(client, index):
    initiative = running(index)
    client.force_login(resident(index.centre))
    assert client.get(_url(initiative)).status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client, index):
    response = client.get(_url(running(index)))
    assert response.status_code == 302
    assert "login" in response.url or "logowanie" in response.url


def test_saving_redirects_to_the_page_which_dates_the_change(client, index):
    initiative = running(index)
    client.force_login(initiative.started_by)
    response = client.post(_url(initiative), _form(initiative, goal="Ławka i dwa drzewa."))
    assert response.status_code == 302
    assert response.url == initiative.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "Ławka i dwa drzewa." in page
    assert 'class="initiative-edits"' in page


def test_an_empty_issue_is_a_400_with_the_error_summary_linking_to_the_field(client, index):
    initiative = running(index)
    client.force_login(initiative.started_by)
    response = client.post(_url(initiative), _form(initiative, issue=""))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page
    assert 'href="#id_issue"' in page
    initiative.refresh_from_db()
    assert initiative.issue


def test_a_broken_area_is_a_400(client, index):
    initiative = running(index)
    client.force_login(initiative.started_by)
    response = client.post(_url(initiative), _form(initiative, area="{nie json"))
    assert response.status_code == 400
    assert 'href="#id_area"' in response.content.decode()


def test_the_organiser_edits_the_area_through_the_form(client, index):
    initiative = running(index)
    client.force_login(organiser(index.centre))
    response = client.post(_url(initiative), _form(initiative, area=json.dumps(POLYGON)))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.area == POLYGON


def test_edits_are_rate_limited(client, index, monkeypatch):
    initiative = running(index)
    client.force_login(initiative.started_by)
    monkeypatch.setattr(edit_views, "EDIT_LIMIT", {"limit": 1, "period": 3600})
    client.post(_url(initiative), _form(initiative, goal="Raz"))
    response = client.post(_url(initiative), _form(initiative, goal="Dwa"))
    assert response.status_code == 429
    assert Initiative.objects.get(pk=initiative.pk).goal == "Raz"


def test_the_edit_link_is_shown_to_the_coordinator_and_not_to_a_resident(client, index):
    initiative = running(index)
    client.force_login(initiative.started_by)
    assert _url(initiative) in client.get(initiative.get_absolute_url()).content.decode()
    client.force_login(resident(index.centre))
    assert _url(initiative) not in client.get(initiative.get_absolute_url()).content.decode()


def _picker(page: str, picker_id: str) -> str:
    return re.search(rf'<div class="point-picker" id="{picker_id}"[^>]*>', page).group(0)


@pytest.mark.parametrize("picker_id", ["point-picker", "area-picker"])
def test_the_start_forms_pickers_open_on_the_initiatives_centre(client, index, picker_id):
    client.force_login(resident(index.centre))
    page = client.get(index.url + "nowa/").content.decode()
    tag = _picker(page, picker_id)
    assert 'data-lat="49.625000"' in tag
    assert 'data-lon="20.691000"' in tag


@pytest.mark.parametrize("picker_id", ["point-picker", "area-picker"])
def test_the_edit_forms_pickers_open_on_the_initiatives_centre(client, index, picker_id):
    initiative = running(index)
    client.force_login(initiative.started_by)
    tag = _picker(client.get(_url(initiative)).content.decode(), picker_id)
    assert 'data-lat="49.625000"' in tag


def test_the_edit_form_holds_the_existing_point_and_area_for_the_pickers(client, index):
    initiative = running(index, latitude=49.621, longitude=20.695, area=POLYGON)
    client.force_login(initiative.started_by)
    page = client.get(_url(initiative)).content.decode()
    assert 'value="49.621000"' in page or 'value="49.621"' in page
    assert "[20.69, 49.62]" in page.replace("&quot;", '"')
