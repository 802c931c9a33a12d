"""Submitting, editing and withdrawing proposals: rules, photos, the area, the two steps."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from proposals.models import Follow, Proposal, StatusChange
from proposals.services.submission import (
    NotAllowed,
    photo_clean,
    point_in_area,
    proposal_edit,
    proposal_submit,
    proposal_withdraw,
)
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives each test's rollback."""
    from django.core.cache import cache

    cache.clear()


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[20.0, 49.0], [21.0, 49.0], [21.0, 50.0], [20.0, 50.0], [20.0, 49.0]]],
}
GPS_IFD = 0x8825


def jpeg_with_gps(size=(2400, 1200)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = "2026:01:01 10:00:00"
    exif[GPS_IFD] = {1: "N", 2: (49.0, 37.0, 30.0), 3: "E", 4: (20.0, 41.0, 27.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def submit(consultation, author, **kwargs):
    fields = {"title": "Nowe ławki", "body": "Postawmy ławki w parku.", "place": "Park"}
    fields.update(kwargs)
    return proposal_submit(consultation=consultation, author=author, **fields)


def test_test_jpeg_really_carries_gps():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        assert image.getexif().get_ifd(GPS_IFD)


def test_photo_is_stored_without_exif_or_gps_and_resized(home_page):
    consultation = open_consultation(home_page)
    proposal = submit(consultation, confirmed_user(), photos=[(upload(jpeg_with_gps()), "Ławka")])
    photo = proposal.photos.get()
    with default_storage.open(photo.image.name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert max(image.size) == 1600
        assert not image.getexif()
        assert "exif" not in image.info
    assert photo.alt_text == "Ławka"


def test_png_with_text_chunks_is_stored_without_them():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret place")
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="PNG", pnginfo=info)
    clean = photo_clean(upload(out.getvalue(), "a.png", "image/png"))
    with Image.open(clean) as image:
        assert image.format == "PNG"
        assert "Comment" not in image.info


def test_file_that_is_not_an_image_is_refused_whatever_its_name():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        photo_clean(upload(b"<script>alert(1)</script>", "evil.jpg"))


def test_gif_is_refused_by_content():
    from django.core.exceptions import ValidationError

    out = io.BytesIO()
    Image.new("RGB", (5, 5)).save(out, format="GIF")
    with pytest.raises(ValidationError):
        photo_clean(upload(out.getvalue(), "looks.jpg"))


def test_photo_over_8_mb_is_refused():
    from django.core.exceptions import ValidationError

    big = upload(b"\xff\xd8" + b"0" * (8 * 1024 * 1024))
    with pytest.raises(ValidationError):
        photo_clean(big)


def test_more_than_three_photos_are_refused(home_page):
    from django.core.exceptions import ValidationError

    consultation = open_consultation(home_page)
    photos = [(upload(jpeg_with_gps((20, 20))), "x") for _ in range(4)]
    with pytest.raises(ValidationError):
        submit(consultation, confirmed_user(), photos=photos)


def test_submission_starts_history_and_author_follows(home_page):
    consultation = open_consultation(home_page)
    author = confirmed_user()
    proposal = submit(consultation, author)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert list(
        StatusChange.objects.filter(proposal=proposal).values_list("status", flat=True)
    ) == ["submitted"]
    assert Follow.objects.filter(proposal=proposal, user=author).exists()


def test_submission_outside_proposals_phase_is_refused(home_page):
    consultation = open_consultation(home_page, current="discussion")
    with pytest.raises(NotAllowed) as refusal:
        submit(consultation, confirmed_user())
    assert refusal.value.code == "phase"


def test_unconfirmed_account_is_refused(home_page):
    consultation = open_consultation(home_page)
    with pytest.raises(NotAllowed):
        submit(consultation, UserFactory())


def test_point_inside_the_area_is_accepted(home_page):
    consultation = open_consultation(home_page, boundary=SQUARE)
    proposal = submit(consultation, confirmed_user(), latitude=49.5, longitude=20.5, place="")
    assert proposal.latitude is not None


def test_point_outside_the_area_is_refused(home_page):
    from django.core.exceptions import ValidationError

    consultation = open_consultation(home_page, boundary=SQUARE)
    with pytest.raises(ValidationError) as error:
        submit(consultation, confirmed_user(), latitude=50.5, longitude=20.5)
    assert "latitude" in error.value.message_dict


def test_point_in_a_hole_of_the_area_is_outside():
    class Page:
        boundary = {
            "type": "Polygon",
            "coordinates": [
                SQUARE["coordinates"][0],
                [[20.4, 49.4], [20.6, 49.4], [20.6, 49.6], [20.4, 49.6], [20.4, 49.4]],
            ],
        }

    assert not point_in_area(Page, 49.5, 20.5)
    assert point_in_area(Page, 49.2, 20.2)


def test_place_or_point_is_required(home_page):
    from django.core.exceptions import ValidationError

    consultation = open_consultation(home_page)
    with pytest.raises(ValidationError) as error:
        submit(consultation, confirmed_user(), place="")
    assert "place" in error.value.message_dict


def test_category_of_another_consultation_is_refused(home_page):
    from django.core.exceptions import ValidationError

    consultation = open_consultation(home_page)
    other = open_consultation(home_page, categories=["Zieleń"])
    with pytest.raises(ValidationError):
        submit(consultation, confirmed_user(), category=other.categories.get())


def test_staff_submission_at_the_centre_needs_staff_rights(home_page):
    consultation = open_consultation(home_page)
    with pytest.raises(NotAllowed):
        proposal_submit(
            consultation=consultation,
            submitted_by_staff=confirmed_user(),
            title="Z kartki",
            body="Mieszkanka przyniosła pomysł na papierze.",
            place="Rynek",
        )


def test_superuser_can_submit_at_the_centre_without_resident_account(home_page):
    consultation = open_consultation(home_page)
    staff = UserFactory(is_superuser=True, is_staff=True)
    proposal = proposal_submit(
        consultation=consultation,
        submitted_by_staff=staff,
        title="Z kartki",
        body="Mieszkanka przyniosła pomysł na papierze.",
        place="Rynek",
    )
    assert proposal.author is None
    assert proposal.submitted_by_staff == staff


def test_author_can_edit_during_discussion(home_page):
    consultation = open_consultation(home_page, current="discussion")
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user())
    proposal_edit(proposal=proposal, user=proposal.author, title="Nowy", body="Treść", place="Tu")
    proposal.refresh_from_db()
    assert proposal.title == "Nowy"


def test_edit_after_discussion_ends_is_refused(home_page):
    consultation = open_consultation(home_page, current="voting")
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user())
    with pytest.raises(NotAllowed) as refusal:
        proposal_edit(proposal=proposal, user=proposal.author, title="N", body="T", place="T")
    assert refusal.value.code == "phase"


def test_edit_after_a_decision_is_refused(home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(
        consultation=consultation, author=confirmed_user(), status=Proposal.Status.ACCEPTED
    )
    with pytest.raises(NotAllowed) as refusal:
        proposal_edit(proposal=proposal, user=proposal.author, title="N", body="T", place="T")
    assert refusal.value.code == "status"


def test_edit_by_someone_else_is_refused(home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    with pytest.raises(NotAllowed):
        proposal_edit(proposal=proposal, user=confirmed_user(), title="N", body="T", place="T")


def test_withdraw_marks_withdrawn_and_records_history(home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    proposal_withdraw(proposal=proposal, user=proposal.author)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN
    assert proposal.status_changes.filter(status="withdrawn").exists()
    assert Proposal.objects.visible().filter(pk=proposal.pk).exists()


def test_withdraw_by_someone_else_is_refused(home_page):
    proposal = ProposalFactory(consultation=open_consultation(home_page))
    with pytest.raises(NotAllowed):
        proposal_withdraw(proposal=proposal, user=confirmed_user())


# Views ---------------------------------------------------------------------------------


def url(consultation, name, **kwargs):
    return consultation.url + consultation.reverse_subpage(name, kwargs=kwargs or None)


def test_anonymous_visitor_is_sent_to_sign_in(client, home_page):
    consultation = open_consultation(home_page)
    response = client.get(url(consultation, "proposal_create"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_form_outside_proposals_phase_explains_and_refuses(client, home_page):
    consultation = open_consultation(home_page, current="discussion")
    client.force_login(confirmed_user())
    response = client.get(url(consultation, "proposal_create"))
    assert response.status_code == 403
    assert "<h1>" in response.content.decode()


def test_post_outside_proposals_phase_is_refused_not_500(client, home_page):
    consultation = open_consultation(home_page, current="voting")
    client.force_login(confirmed_user())
    response = client.post(url(consultation, "proposal_create"), {"action": "publish"})
    assert response.status_code == 403


def form_data(**kwargs):
    data = {"title": "Kosze przy przystanku", "body": "Brakuje koszy.", "place": "Przystanek"}
    data.update(kwargs)
    return data


def test_two_steps_with_a_photo_publish_a_proposal(client, home_page):
    consultation = open_consultation(home_page)
    author = confirmed_user()
    client.force_login(author)
    create = url(consultation, "proposal_create")
    response = client.post(
        create,
        form_data(photo_1=upload(jpeg_with_gps((300, 200))), alt_1="Pusty przystanek"),
    )
    assert response.status_code == 200
    assert "proposals/proposal_preview.html" in [t.name for t in response.templates]
    assert not Proposal.objects.exists()
    token = response.context["photos_token"]
    response = client.post(
        create, {**form_data(alt_1="Pusty przystanek"), "photos_token": token, "action": "publish"}
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.author == author
    photo = proposal.photos.get()
    assert photo.alt_text == "Pusty przystanek"
    with default_storage.open(photo.image.name) as stored, Image.open(stored) as image:
        assert not image.getexif()


def test_going_back_keeps_what_was_typed_and_the_photo(client, home_page):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    create = url(consultation, "proposal_create")
    response = client.post(create, form_data(photo_1=upload(jpeg_with_gps((30, 20))), alt_1="Ł"))
    token = response.context["photos_token"]
    response = client.post(
        create, {**form_data(alt_1="Ł"), "photos_token": token, "action": "change"}
    )
    html = response.content.decode()
    assert "Kosze przy przystanku" in html
    assert response.context["stored_photos"][0]["number"] == 1


def test_another_users_photo_token_is_ignored(client, home_page):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    create = url(consultation, "proposal_create")
    response = client.post(create, form_data(photo_1=upload(jpeg_with_gps((30, 20))), alt_1="x"))
    token = response.context["photos_token"]
    client.force_login(confirmed_user())
    client.post(create, {**form_data(), "photos_token": token, "action": "publish"})
    assert not Proposal.objects.get().photos.exists()


def test_invalid_form_shows_errors_and_keeps_input(client, home_page):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    response = client.post(
        url(consultation, "proposal_create"),
        form_data(place="", estimated_cost="-5", title="Mój tytuł"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html
    assert "Mój tytuł" in html
    assert set(response.context["form"].errors) >= {"place", "estimated_cost"}


def test_photo_without_description_is_refused(client, home_page):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    response = client.post(
        url(consultation, "proposal_create"), form_data(photo_1=upload(jpeg_with_gps((30, 20))))
    )
    assert "alt_1" in response.context["form"].errors


def test_xss_in_photo_file_name_is_not_kept(client, home_page):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    create = url(consultation, "proposal_create")
    evil = '"><script>alert(1)</script>.jpg'
    response = client.post(
        create, form_data(photo_1=upload(jpeg_with_gps((30, 20)), evil), alt_1="a")
    )
    assert "<script>alert(1)" not in response.content.decode()
    token = response.context["photos_token"]
    client.post(create, {**form_data(alt_1="a"), "photos_token": token, "action": "publish"})
    assert "script" not in Proposal.objects.get().photos.get().image.name


def test_publishing_is_rate_limited(client, home_page, settings):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    create = url(consultation, "proposal_create")
    statuses = [
        client.post(create, {**form_data(), "action": "publish"}).status_code for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429


def test_edit_view_saves_changes(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user())
    client.force_login(proposal.author)
    response = client.post(
        url(consultation, "proposal_edit", pk=proposal.pk), form_data(title="Zmieniony")
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Zmieniony"


def test_edit_view_refuses_other_people(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    client.force_login(confirmed_user())
    response = client.get(url(consultation, "proposal_edit", pk=proposal.pk))
    assert response.status_code == 403


def test_withdraw_asks_to_confirm_then_withdraws(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, author=confirmed_user())
    client.force_login(proposal.author)
    withdraw = url(consultation, "proposal_withdraw", pk=proposal.pk)
    assert client.get(withdraw).status_code == 200
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    assert client.post(withdraw).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN


def test_withdrawn_proposal_stays_visible(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation, status=Proposal.Status.WITHDRAWN)
    response = client.get(url(consultation, "proposal_detail", pk=proposal.pk))
    assert response.status_code == 200
    assert proposal.title in response.content.decode()


def test_edit_deadline_follows_the_discussion_phase(home_page):
    from proposals.services.submission import edit_deadline

    consultation = open_consultation(home_page, current="discussion")
    discussion = consultation.phases.get(kind="discussion")
    assert edit_deadline(consultation) == discussion.ends_at
    assert edit_deadline(consultation) > timezone.now() - datetime.timedelta(days=1)


# --- Photos too large to decode -------------------------------------------------------------


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that says it is width × height RGBA but carries one row: cheap to make and send.

    The pixel count is read from the header, so the data never needs to be complete.
    """
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    row = zlib.compress(b"\x00" * (1 + 4 * 16))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


@pytest.fixture
def no_decoding(monkeypatch):
    """Fail the test if any image is decoded."""
    from PIL import ImageFile

    def refuse(self):
        raise AssertionError("the image was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_a_photo_with_too_many_pixels_is_refused_from_its_header(no_decoding):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        photo_clean(upload(png_header_only(13000, 13000), "flat.png", "image/png"))
    assert refused.value.code == "too_many_pixels"


def test_the_check_step_shows_the_pixel_error_beside_the_photo(client, home_page, no_decoding):
    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    photo = upload(png_header_only(13000, 13000), "flat.png", "image/png")
    response = client.post(
        url(consultation, "proposal_create"),
        form_data(action="check", photo_1=photo, alt_1="Plac"),
        HTTP_ACCEPT_LANGUAGE="pl",
    )
    assert response.status_code == 400
    assert "To zdjęcie ma zbyt wiele pikseli (13000 × 13000)" in response.content.decode()
    assert response.context["form"].has_error("photo_1", "too_many_pixels")


def test_the_check_step_is_rate_limited(client, home_page):
    from proposals.views.submission import CHECK_LIMIT

    consultation = open_consultation(home_page)
    client.force_login(confirmed_user())
    create = url(consultation, "proposal_create")
    for _attempt in range(CHECK_LIMIT["limit"]):
        assert client.post(create, form_data(action="check")).status_code == 200
    assert client.post(create, form_data(action="check")).status_code == 429
