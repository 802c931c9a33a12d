"""Starting an initiative and the organiser's review before it is public."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from consultations.participation import NotAllowed
from initiatives.models import Initiative, Membership
from initiatives.services import starting
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, resident, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


def test_verified_resident_starts_an_initiative_waiting_for_review(index):
    user = resident(index.centre)
    initiative = started(index, user)
    assert initiative.state == Initiative.State.PENDING
    assert not Initiative.objects.public().exists()
    membership = Membership.objects.get(initiative=initiative)
    assert (membership.user, membership.role) == (user, Membership.Role.COORDINATOR)
    assert initiative.members_count == 1


def test_unverified_person_cannot_start_one(index):
    with pytest.raises(NotAllowed):
        started(index, confirmed_user())


def test_confirmed_organisation_may_start_one(index):
    from django.utils import timezone

    user = confirmed_user(organisation_name="Stowarzyszenie Sąsiedzi")
    user.organisation_confirmed_at = timezone.now()
    user.save()
    assert started(index, user).state == Initiative.State.PENDING


def test_place_or_point_is_required(index):
    with pytest.raises(ValidationError) as error:
        started(index, place="")
    assert "place" in error.value.message_dict


def test_organiser_approval_makes_it_public(index):
    initiative = started(index)
    staff = organiser(index.centre)
    approved = starting.initiative_approve(initiative=initiative, organiser=staff)
    assert approved.state == Initiative.State.ACTIVE
    assert list(Initiative.objects.public()) == [initiative]


def test_approval_email_reaches_the_starter(index, django_capture_on_commit_callbacks):
    initiative = started(index)
    with django_capture_on_commit_callbacks(execute=True):
        starting.initiative_approve(initiative=initiative, organiser=organiser(index.centre))
    assert [m.to for m in mail.outbox] == [[initiative.started_by.email]]
    assert initiative.title in mail.outbox[0].subject


def test_decline_needs_a_reason_which_is_emailed(index, django_capture_on_commit_callbacks):
    initiative = started(index)
    staff = organiser(index.centre)
    with pytest.raises(ValidationError):
        starting.initiative_decline(initiative=initiative, organiser=staff, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        starting.initiative_decline(
            initiative=initiative, organiser=staff, reason="Narusza regulamin: reklama."
        )
    initiative.refresh_from_db()
    assert initiative.state == Initiative.State.DECLINED
    assert "Narusza regulamin: reklama." in mail.outbox[0].body


def test_organiser_of_another_centre_cannot_review(index, home_page):
    other_centre, _other_index = centre_with_index(home_page)
    with pytest.raises(NotAllowed):
        starting.initiative_approve(initiative=started(index), organiser=organiser(other_centre))


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (50, 40), "green")
    exif = Image.Exif()
    exif[0x010F] = "Telefon Jana"  # camera maker
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_photos_lose_their_metadata(index):
    upload = SimpleUploadedFile("a.jpg", _jpeg_with_exif(), content_type="image/jpeg")
    initiative = started(index, photos=[(upload, "Podwórko")])
    photo = initiative.photos.get()
    with Image.open(photo.image) as stored:
        assert not stored.getexif()
    assert photo.alt_text == "Podwórko"


def test_start_page_posts_an_initiative(client, index):
    user = resident(index.centre)
    client.force_login(user)
    url = index.url + "nowa/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Mniej betonu",
            "issue": "Za gorąco latem.",
            "goal": "Drzewa.",
            "place": "ul. Lwowska 12",
        },
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response.url == index.url + f"{initiative.pk}/"


def test_start_page_shows_errors_for_a_missing_issue_with_a_400(client, index):
    client.force_login(resident(index.centre))
    response = client.post(index.url + "nowa/", {"title": "X", "goal": "Y", "place": "Z"})
    assert response.status_code == 400
    assert "Describe the issue in your own words." in response.content.decode() or (
        "Opisz" in response.content.decode()
    )
    assert not Initiative.objects.exists()


def test_waiting_initiative_is_hidden_from_others(client, index):
    initiative = started(index)
    assert client.get(index.url + f"{initiative.pk}/").status_code == 404
    client.force_login(initiative.started_by)
    assert client.get(index.url + f"{initiative.pk}/").status_code == 200


def test_organiser_sees_a_waiting_initiative(client, index):
    initiative = started(index)
    client.force_login(organiser(index.centre))
    assert client.get(index.url + f"{initiative.pk}/").status_code == 200


def test_the_same_title_sent_twice_starts_one_initiative(index):
    user = resident(index.centre)
    started(index, user)
    with pytest.raises(ValidationError) as refused:
        started(index, user, title="  zielone PODWÓRKO ")
    assert "title" in refused.value.message_dict
    assert Initiative.objects.count() == 1


def test_a_new_title_or_another_person_starts_another(index):
    user = resident(index.centre)
    started(index, user)
    started(index, user, title="Ławki przy szkole")
    started(index, resident(index.centre))
    assert Initiative.objects.count() == 3


def test_a_declined_initiative_may_be_started_again_under_its_title(index):
    user = resident(index.centre)
    first = started(index, user)
    starting.initiative_decline(
        initiative=first, organiser=organiser(index.centre), reason="Proszę dopisać miejsce."
    )
    started(index, user)
    assert Initiative.objects.filter(state=Initiative.State.PENDING).count() == 1


def test_the_start_form_posted_twice_says_why_the_second_is_refused(client, index):
    client.force_login(resident(index.centre))
    data = {"title": "Mniej betonu", "issue": "Za gorąco.", "goal": "Drzewa.", "place": "Lwowska"}
    assert client.post(index.url + "nowa/", data).status_code == 302
    again = client.post(index.url + "nowa/", data)
    assert again.status_code == 400
    assert "Mniej betonu" in again.content.decode()
    assert Initiative.objects.count() == 1
