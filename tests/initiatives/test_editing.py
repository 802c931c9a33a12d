"""Editing an initiative after it is started: who may, what is checked, the dated history in
the action log, and that a running initiative stays public (initiatives/services/editing.py)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from wagtail.models import ModelLogEntry

from consultations.participation import NotAllowed
from initiatives.history import EDIT_ACTION, initiative_edits
from initiatives.models import Initiative
from initiatives.services import actions, editing
from tests.initiatives.helpers import centre_with_index, organiser, resident, running, started

pytestmark = pytest.mark.django_db

SQUARE = [[20.69, 49.62], [20.70, 49.62], [20.70, 49.63], [20.69, 49.63], [20.69, 49.62]]
POLYGON = {"type": "Polygon", "coordinates": [SQUARE]}


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


def _fields(initiative, **changes) -> dict:
    values = {
        name: getattr(initiative, name)
        for name in ("title", "issue", "goal", "place", "latitude", "longitude", "area")
    }
    return {**values, **changes}


def _edit(initiative, user, **changes):
    return editing.initiative_edit(
        initiative=initiative, user=user, **_fields(initiative, **changes)
    )


def _upload(colour="green") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


def test_coordinator_changes_the_goal_and_the_change_is_logged_with_the_earlier_text(index):
    initiative = running(index)
    changed = _edit(initiative, initiative.started_by, goal="Dwa drzewa i ławka.")
    initiative.refresh_from_db()
    assert changed == ["goal"]
    assert initiative.goal == "Dwa drzewa i ławka."
    entry = ModelLogEntry.objects.for_instance(initiative).get(action=EDIT_ACTION)
    assert entry.user == initiative.started_by
    assert entry.data["before"] == {"goal": "Chcemy posadzić drzewa i krzewy."}


def test_a_running_initiative_stays_public_after_an_edit(index):
    initiative = running(index)
    _edit(initiative, initiative.started_by, issue="Inny opis problemu.")
    initiative.refresh_from_db()
    assert initiative.state == Initiative.State.ACTIVE


def test_a_waiting_initiative_stays_waiting_for_review_after_an_edit(index):
    initiative = started(index)
    _edit(initiative, initiative.started_by, title="Nowa nazwa")
    initiative.refresh_from_db()
    assert initiative.state == Initiative.State.PENDING
    assert initiative.title == "Nowa nazwa"


def test_the_centres_organiser_may_edit(index):
    initiative = running(index)
    assert _edit(initiative, organiser(index.centre), place="ul. Lwowska 14") == ["place"]


def test_a_member_who_does_not_coordinate_may_not_edit(index):
    initiative = running(index)
    with pytest.raises(NotAllowed):
        _edit(initiative, resident(index.centre), goal="Cokolwiek")


def test_an_organiser_of_another_centre_may_not_edit(index, home_page):
    initiative = running(index)
    other = centre_with_index(home_page, title="Chrzanów", slug="chrzanow")[0]
    with pytest.raises(NotAllowed):
        _edit(initiative, organiser(other), goal="Cokolwiek")


def test_an_ended_initiative_is_not_edited(index):
    initiative = running(index)
    actions.initiative_end(
        initiative=initiative, user=initiative.started_by, outcome="achieved", outcome_text="Jest."
    )
    with pytest.raises(NotAllowed):
        _edit(initiative, initiative.started_by, goal="Jeszcze raz")


def test_an_empty_issue_is_refused_by_field(index):
    initiative = running(index)
    with pytest.raises(ValidationError) as error:
        _edit(initiative, initiative.started_by, issue="  ")
    assert "issue" in error.value.message_dict


def test_the_area_is_set_checked_and_logged(index):
    initiative = running(index)
    assert _edit(initiative, initiative.started_by, area=POLYGON) == ["area"]
    initiative.refresh_from_db()
    assert initiative.area == POLYGON
    with pytest.raises(ValidationError) as error:
        _edit(initiative, initiative.started_by, area={"type": "Point", "coordinates": [20, 49]})
    assert "area" in error.value.message_dict


def test_nothing_changed_logs_nothing(index):
    initiative = running(index)
    assert _edit(initiative, initiative.started_by) == []
    assert not ModelLogEntry.objects.for_instance(initiative).filter(action=EDIT_ACTION).exists()


def test_a_photo_is_removed_and_another_added_in_its_place(index):
    initiative = started(index, photos=[(_upload(), "Podwórko"), (_upload("red"), "Brama")])
    first = initiative.photos.get(position=0)
    changed = _edit(
        initiative,
        initiative.started_by,
        remove_photos=[first.pk],
        photos=[(_upload("blue"), "Drzewo")],
    )
    assert changed == ["photos"]
    assert list(initiative.photos.order_by("position").values_list("alt_text", flat=True)) == [
        "Brama",
        "Drzewo",
    ]


def test_more_than_three_photos_in_all_are_refused(index):
    initiative = started(index, photos=[(_upload(), "A"), (_upload(), "B"), (_upload(), "C")])
    with pytest.raises(ValidationError):
        _edit(initiative, initiative.started_by, photos=[(_upload(), "D")])
    assert initiative.photos.count() == 3


def test_the_page_history_lists_each_edit_with_what_changed_in_words(index):
    initiative = running(index)
    _edit(initiative, initiative.started_by, goal="Ławka.", latitude=49.62, longitude=20.69)
    with translation.override("en"):
        [edit] = initiative_edits(initiative)
    assert edit["changed"] == ["what the group wants to change", "the point on the map"]
