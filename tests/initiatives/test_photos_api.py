"""An initiative's photos through the API (/api/v1/initiatives/<id>/photos/): read; add one
(multipart), change what one shows, remove one, with a token, through the site's edit service:
checked by content, stripped of metadata, three at most, each edit dated."""

import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from rest_framework.test import APIClient
from wagtail.models import ModelLogEntry

from initiatives.history import EDIT_ACTION
from initiatives.models import InitiativePhoto
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.initiatives.test_api import token_client

pytestmark = pytest.mark.django_db


def _jpeg(colour="green", *, exif: bool = False) -> SimpleUploadedFile:
    out = io.BytesIO()
    data = Image.Exif()
    if exif:
        data[0x010F] = "Aparat sąsiada"  # Make
        data[0x8825] = {1: "N", 2: (49.0, 37.0, 30.0)}  # GPS
    Image.new("RGB", (40, 30), colour).save(out, format="JPEG", exif=data)
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


@pytest.fixture
def initiative(index):
    return running(index, photos=[(_jpeg(), "Podwórko"), (_jpeg("red"), "Brama")])


def _url(initiative, photo=None) -> str:
    base = f"/api/v1/initiatives/{initiative.pk}/photos/"
    return f"{base}{photo.pk}/" if photo else base


def _alts(initiative) -> list[str]:
    return list(initiative.photos.order_by("position").values_list("alt_text", flat=True))


def test_anyone_reads_the_photos_in_order(initiative):
    rows = APIClient().get(_url(initiative)).json()
    assert [row["alt_text"] for row in rows] == ["Podwórko", "Brama"]
    assert rows[0]["url"].startswith("http")


def test_the_coordinator_adds_a_photo_stored_without_its_metadata(initiative):
    api = token_client(initiative.started_by)
    upload = {"image": _jpeg("blue", exif=True), "alt_text": "Drzewo"}
    response = api.post(_url(initiative), upload, format="multipart")
    assert response.status_code == 201
    assert [row["alt_text"] for row in response.json()] == ["Podwórko", "Brama", "Drzewo"]
    stored = InitiativePhoto.objects.get(initiative=initiative, alt_text="Drzewo")
    with Image.open(stored.image) as image:
        assert not image.getexif()


def test_a_fourth_photo_is_a_400_naming_the_image(initiative):
    api = token_client(initiative.started_by)
    api.post(_url(initiative), {"image": _jpeg(), "alt_text": "Trzecie"}, format="multipart")
    response = api.post(
        _url(initiative), {"image": _jpeg(), "alt_text": "Czwarte"}, format="multipart"
    )
    assert response.status_code == 400
    assert "image" in response.json()["error"]["fields"]
    assert initiative.photos.count() == 3


def test_a_file_that_is_not_a_photo_is_a_400(initiative):
    api = token_client(initiative.started_by)
    text = SimpleUploadedFile("a.jpg", b"nie zdjecie", content_type="image/jpeg")
    response = api.post(_url(initiative), {"image": text, "alt_text": "X"}, format="multipart")
    assert response.status_code == 400
    assert "image" in response.json()["error"]["fields"]
    assert initiative.photos.count() == 2


def test_a_photo_without_what_it_shows_is_a_400(initiative):
    api = token_client(initiative.started_by)
    response = api.post(_url(initiative), {"image": _jpeg()}, format="multipart")
    assert response.status_code == 400
    assert "alt_text" in response.json()["error"]["fields"]


def test_the_organiser_changes_what_a_photo_shows_and_the_edit_is_dated(initiative):
    photo = initiative.photos.get(position=1)
    api = token_client(organiser(initiative.centre))
    response = api.patch(_url(initiative, photo), {"alt_text": "Brama od ulicy"}, format="json")
    assert response.status_code == 200
    assert _alts(initiative) == ["Podwórko", "Brama od ulicy"]
    entry = ModelLogEntry.objects.for_instance(initiative).get(action=EDIT_ACTION)
    assert entry.data["changed"] == ["photos"]


def test_an_empty_text_for_a_photo_is_a_400_naming_the_field(initiative):
    photo = initiative.photos.first()
    api = token_client(initiative.started_by)
    response = api.patch(_url(initiative, photo), {"alt_text": "  "}, format="json")
    assert response.status_code == 400
    assert "alt_text" in response.json()["error"]["fields"]
    assert _alts(initiative) == ["Podwórko", "Brama"]


def test_the_coordinator_removes_a_photo_and_the_rest_keep_their_order(initiative):
    photo = initiative.photos.get(position=0)
    response = token_client(initiative.started_by).delete(_url(initiative, photo))
    assert response.status_code == 200
    assert [row["alt_text"] for row in response.json()] == ["Brama"]
    assert initiative.photos.get().position == 0


def test_a_resident_who_does_not_coordinate_gets_a_403(initiative):
    photo = initiative.photos.first()
    api = token_client(confirmed_user())
    assert api.delete(_url(initiative, photo)).status_code == 403
    upload = {"image": _jpeg(), "alt_text": "X"}
    assert api.post(_url(initiative), upload, format="multipart").status_code == 403
    assert initiative.photos.count() == 2


def test_signed_out_gets_a_401(initiative):
    photo = initiative.photos.first()
    response = APIClient().patch(_url(initiative, photo), {"alt_text": "X"}, format="json")
    assert response.status_code == 401


def test_a_photo_of_another_initiative_is_a_404(index, initiative):
    other = running(index, title="Inna", photos=[(_jpeg(), "Cudze")])
    photo = other.photos.get()
    api = token_client(initiative.started_by)
    response = api.patch(_url(initiative, photo), {"alt_text": "X"}, format="json")
    assert response.status_code == 404
    assert _alts(other) == ["Cudze"]


def test_the_schema_documents_the_photo_paths_and_the_multipart_upload(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    listing = schema["paths"]["/api/v1/initiatives/{id}/photos/"]
    assert "multipart/form-data" in listing["post"]["requestBody"]["content"]
    one = schema["paths"]["/api/v1/initiatives/{id}/photos/{photo_pk}/"]
    assert {"patch", "delete"} <= set(one)


def test_photo_uploads_have_their_own_limit_answered_with_a_429_and_a_message(initiative):
    rates = {"anon": None, "user": None, "write": None, "photo_upload": "1/hour"}
    api = token_client(initiative.started_by)
    cache.clear()
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        first = api.post(
            _url(initiative), {"image": _jpeg(), "alt_text": "Trzecie"}, format="multipart"
        )
        second = api.post(
            _url(initiative), {"image": _jpeg(), "alt_text": "Czwarte"}, format="multipart"
        )
        reading = api.get(_url(initiative))
    cache.clear()
    assert first.status_code == 201
    assert second.status_code == 429
    error = second.json()["error"]
    assert error["code"] == "throttled"
    assert error["message"] == (
        "You have sent too many photos in a short time. Try again in 60 minutes."
    )
    assert int(second["Retry-After"]) > 0
    assert reading.status_code == 200
    assert _alts(initiative) == ["Podwórko", "Brama", "Trzecie"]
