"""What a kept photo of an initiative shows is edited on the edit page (…/zmien/): each kept
photo's text is filled in, required unless the photo is removed, errors in the summary, no
JavaScript needed; the edit service checks it again and dates it."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import ModelLogEntry

from initiatives.history import EDIT_ACTION
from initiatives.services import editing
from tests.initiatives.helpers import centre_with_index, running

pytestmark = pytest.mark.django_db


def _jpeg(colour="green") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def initiative(home_page, settings):
    settings.MAM_PAGE_CACHE = False
    index = centre_with_index(home_page)[1]
    return running(index, photos=[(_jpeg(), "Podwórko"), (_jpeg("red"), "Brama")])


def _photos(initiative):
    return list(initiative.photos.order_by("position"))


def _alts(initiative) -> list[str]:
    return [photo.alt_text for photo in _photos(initiative)]


def _edit(initiative, **photos):
    values = {name: getattr(initiative, name) for name in ("title", "issue", "goal", "place")}
    return editing.initiative_edit(
        initiative=initiative, user=initiative.started_by, **values, **photos
    )


def _form(initiative, **changes) -> dict:
    data = {name: getattr(initiative, name) for name in ("title", "issue", "goal", "place")}
    for photo in _photos(initiative):
        data[f"photo_alt_{photo.pk}"] = photo.alt_text
    return {**data, **changes}


def _url(initiative) -> str:
    return initiative.get_absolute_url() + "zmien/"


def test_the_service_changes_a_kept_photos_text_and_dates_the_edit(initiative):
    first = _photos(initiative)[0]
    assert _edit(initiative, alt_texts={first.pk: "Podwórko latem"}) == ["photos"]
    assert _alts(initiative) == ["Podwórko latem", "Brama"]
    entry = ModelLogEntry.objects.for_instance(initiative).get(action=EDIT_ACTION)
    assert entry.data["changed"] == ["photos"]


def test_the_service_refuses_an_empty_text_for_a_kept_photo_by_field(initiative):
    first = _photos(initiative)[0]
    with pytest.raises(ValidationError) as refused:
        _edit(initiative, alt_texts={first.pk: " "})
    assert f"photo_alt_{first.pk}" in refused.value.message_dict
    assert _alts(initiative) == ["Podwórko", "Brama"]


def test_the_service_refuses_the_text_of_a_photo_not_of_this_initiative(initiative):
    with pytest.raises(ValidationError):
        _edit(initiative, alt_texts={999_999: "Cudze"})


def test_the_edit_page_fills_in_each_kept_photos_text(client, initiative):
    client.force_login(initiative.started_by)
    page = client.get(_url(initiative)).content.decode()
    for photo in _photos(initiative):
        assert f'name="photo_alt_{photo.pk}"' in page
    assert 'value="Brama"' in page


def test_a_kept_photos_text_is_changed_through_the_form(client, initiative):
    second = _photos(initiative)[1]
    client.force_login(initiative.started_by)
    form = _form(initiative, **{f"photo_alt_{second.pk}": "Brama od ulicy"})
    assert client.post(_url(initiative), form).status_code == 302
    assert _alts(initiative) == ["Podwórko", "Brama od ulicy"]


def test_an_empty_text_is_a_400_with_the_error_summary_linking_to_it(client, initiative):
    first = _photos(initiative)[0]
    client.force_login(initiative.started_by)
    response = client.post(_url(initiative), _form(initiative, **{f"photo_alt_{first.pk}": ""}))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert f'href="#id_photo_alt_{first.pk}"' in page
    assert _alts(initiative) == ["Podwórko", "Brama"]


def test_a_photo_being_removed_needs_no_text(client, initiative):
    first = _photos(initiative)[0]
    client.force_login(initiative.started_by)
    form = _form(initiative, remove_photos=[first.pk], **{f"photo_alt_{first.pk}": ""})
    assert client.post(_url(initiative), form).status_code == 302
    assert _alts(initiative) == ["Brama"]
