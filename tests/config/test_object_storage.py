"""Media and private files in S3-compatible buckets (a local moto server on loopback): photos
are public, exports and reports go out only through MAM's permission-checked views."""

import hashlib
import io
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.urls import reverse
from PIL import Image
from wagtail.images.tests.utils import get_test_image_file

from config.storage import file_storages
from outcomes.models import ExportJob
from proposals.models import Proposal
from tests.accounts.staff_helpers import login_url
from tests.factories_proposals import confirmed_user, open_consultation
from tests.factories_voting import voting_consultation
from tests.outcomes.exports_helpers import body_of, export_url, official_of, refused
from tests.proposals.test_submission import form_data, jpeg_with_gps, upload, url
from tests.voting.results_helpers import cast, publish, sub_url

pytestmark = pytest.mark.django_db


def _fetch(address: str) -> bytes:
    assert address.startswith("http://127.0.0.1:")  # loopback only, never the internet
    with urllib.request.urlopen(address, timeout=10) as response:  # noqa: S310
        return response.read()


def test_without_a_bucket_files_stay_on_the_local_disk():
    configured = file_storages({}, private_root=Path("/srv/private"))
    assert configured["default"]["BACKEND"] == "config.storage.MediaStorage"
    media = configured["default"]["OPTIONS"]["media"]
    assert media["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert configured["private"]["OPTIONS"] == {"location": Path("/srv/private"), "base_url": None}


@pytest.mark.parametrize("private_bucket", ["", "media"])
def test_a_media_bucket_needs_a_separate_private_bucket(private_bucket):
    environment = {"AWS_STORAGE_BUCKET_NAME": "media", "MAM_PRIVATE_BUCKET_NAME": private_bucket}
    with pytest.raises(ImproperlyConfigured):
        file_storages(environment, private_root=Path("/srv/private"))


def test_a_proposal_photo_upload_lands_in_the_media_bucket_and_is_served(
    client, home_page, s3_storages
):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    create = url(consultation, "proposal_create")
    preview = client.post(create, form_data(photo_1=upload(jpeg_with_gps((300, 200))), alt_1="Ł"))
    token = preview.context["photos_token"]
    client.post(create, {**form_data(alt_1="Ł"), "photos_token": token, "action": "publish"})
    photo = Proposal.objects.get().photos.get()
    assert photo.image.name in s3_storages.keys("media")
    assert photo.image.url.startswith(f"{s3_storages.server.endpoint}/{s3_storages.media}/")
    assert "Signature" not in photo.image.url  # public: page copies never hold expiring links
    detail = client.get(url(consultation, "proposal_detail", pk=photo.proposal_id))
    assert photo.image.url in detail.content.decode()
    with Image.open(io.BytesIO(_fetch(photo.image.url))) as image:
        assert image.size == (300, 200)


def test_a_wagtail_image_and_its_rendition_are_stored_in_the_media_bucket(s3_storages):
    from wagtail.images.models import Image as WagtailImage

    image = WagtailImage.objects.create(title="Park", file=get_test_image_file())
    rendition = image.get_rendition("width-100")
    keys = s3_storages.keys("media")
    assert image.file.name in keys
    assert rendition.file.name in keys
    with Image.open(io.BytesIO(_fetch(rendition.url))) as opened:
        assert opened.width == 100


@pytest.fixture
def big_export(home_page, settings):
    settings.MAM_EXPORT_BACKGROUND_ROWS = 2
    consultation, _proposals = voting_consultation(home_page, proposals=3)
    return consultation, official_of(consultation)


def _export_job(client, consultation, official) -> ExportJob:
    client.force_login(official)
    client.post(export_url(consultation, "proposals"), {"format": "csv"})
    client.logout()
    return ExportJob.objects.get()


def test_an_export_file_lands_in_the_private_bucket_not_the_media_bucket(
    client, big_export, s3_storages
):
    job = _export_job(client, *big_export)
    assert job.state == "ready"
    assert s3_storages.keys("private") == [job.file.name]
    assert job.file.name not in s3_storages.keys("media")


def test_an_official_of_the_centre_downloads_the_export_through_mam(
    client, big_export, s3_storages
):
    consultation, official = big_export
    job = _export_job(client, consultation, official)
    client.force_login(official)
    response = client.get(reverse("outcomes_exports:job_download", args=[job.pk]))
    assert response.status_code == 200
    stored = s3_storages.server.client().get_object(Bucket=s3_storages.private, Key=job.file.name)
    assert body_of(response) == stored["Body"].read()


@pytest.mark.parametrize("who", ["anonymous", "resident", "other_centre"])
def test_nobody_else_gets_the_export_or_the_bucket_address(
    client, big_export, s3_storages, home_page, who
):
    job = _export_job(client, *big_export)
    if who == "resident":
        client.force_login(confirmed_user())
    elif who == "other_centre":
        other, _proposals = voting_consultation(home_page)
        client.force_login(official_of(other))
    for name in ("outcomes_exports:job", "outcomes_exports:job_download"):
        response = client.get(reverse(name, args=[job.pk]))
        if who == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(login_url())
        else:
            assert refused(response)
        body = b"" if response.streaming else response.content
        assert s3_storages.server.endpoint.encode() not in body
        assert s3_storages.server.endpoint not in response.get("Location", "")


def test_the_private_bucket_refuses_a_read_without_a_signature(s3_storages):
    name = storages["private"].save("exports/x/list.csv", ContentFile(b"a;b\n"))
    address = f"{s3_storages.server.endpoint}/{s3_storages.private}/{name}"
    with pytest.raises(urllib.error.HTTPError) as refusal:
        _fetch(address)
    assert refusal.value.code == 403


def test_a_signed_private_url_expires_within_a_minute(s3_storages):
    name = storages["private"].save("exports/x/list.csv", ContentFile(b"a;b\n"))
    signed = storages["private"].url(name)
    assert "X-Amz-Expires=60" in signed
    assert _fetch(signed) == b"a;b\n"


def test_a_published_ballot_file_is_downloadable_as_before(client, home_page, s3_storages):
    consultation, (first, second, *_rest) = voting_consultation(home_page)
    cast(consultation, [first], [first, second])
    snapshot = publish(consultation)
    for name, checksum in (
        ("ballots_json", snapshot.ballots_checksum),
        ("ballots_csv", snapshot.csv_checksum),
    ):
        response = client.get(sub_url(consultation, name))
        assert response.status_code == 200
        assert hashlib.sha256(response.getvalue()).hexdigest() == checksum


def test_the_published_ballots_stream_through_the_api_with_s3_storages(
    client, home_page, s3_storages
):
    consultation, (first, second, *_rest) = voting_consultation(home_page)
    cast(consultation, [first], [first, second])
    snapshot = publish(consultation)
    response = client.get(f"/api/v1/consultations/{consultation.pk}/ballots/")
    assert response.streaming
    assert hashlib.sha256(response.getvalue()).hexdigest() == snapshot.ballots_checksum


def test_the_fixture_points_default_storage_at_the_media_bucket(s3_storages):
    name = default_storage.save("probe.txt", ContentFile(b"x"))
    assert name in s3_storages.keys("media")


def test_a_document_is_kept_in_the_private_bucket_and_served_through_wagtail(client, s3_storages):
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Regulamin", file=ContentFile(b"%PDF-1.4", "r.pdf"))
    assert document.file.name in s3_storages.keys("private")
    assert document.file.name not in s3_storages.keys("media")
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


def test_a_restricted_document_cannot_be_read_at_a_guessed_bucket_address(client, s3_storages):
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    board = Collection.get_first_root_node().add_child(name="Zarząd")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Protokół", collection=board, file=ContentFile(b"%PDF-secret", "p.pdf")
    )
    for bucket in (s3_storages.media, s3_storages.private):
        with pytest.raises(urllib.error.HTTPError) as refusal:
            _fetch(f"{s3_storages.server.endpoint}/{bucket}/{document.file.name}")
        assert refusal.value.code in (403, 404)
    response = client.get(reverse("wagtaildocs_serve", args=[document.pk, document.filename]))
    assert response.status_code == 302  # to sign in, never to the bucket
    assert s3_storages.server.endpoint not in response["Location"]


def test_documents_saved_in_the_media_bucket_earlier_move_to_the_private_bucket(s3_storages):
    from config.storage import move_to_private_folders

    media, private = default_storage.media, storages["private"]
    name = media.save("documents/old.pdf", ContentFile(b"%PDF-old"))
    assert move_to_private_folders(media=media, private=private, names=[name, "", name]) == 1
    assert name not in s3_storages.keys("media")
    with default_storage.open(name) as moved:
        assert moved.read() == b"%PDF-old"


def test_readiness_reaches_both_buckets(client, s3_storages):
    response = client.get("/readyz/")
    assert response.json()["storage"] == "ok"


def test_a_council_report_pdf_lands_in_the_private_bucket_and_goes_to_its_official(
    client, home_page, s3_storages
):
    from tests.outcomes.test_report import finished_budget, pdf_download

    consultation, _items, official, _snapshot = finished_budget(home_page)
    client.force_login(official)
    response, body = pdf_download(client, consultation)
    job = ExportJob.objects.get(kind="council_report")
    assert response.status_code == 200
    assert body.startswith(b"%PDF")
    assert s3_storages.keys("private") == [job.file.name]
    assert s3_storages.keys("media") == []
