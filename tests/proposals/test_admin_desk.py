"""Submitting a proposal at the centre desk, in Wagtail's admin, for a resident."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from accounts import roles
from proposals.models import Proposal
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)

pytestmark = pytest.mark.django_db
DESK = "mam_proposals:desk"


def consultation_in(centre, current="proposals"):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(
        ConsultationPageFactory(parent=index, title=f"Budżet {centre.title} {current}"),
        current=current,
        categories=["Zieleń"],
    )


def staff(centre, role=roles.OFFICIAL):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


def form_data(consultation, **extra):
    return {
        "consultation": consultation.pk,
        "title": "Ławka przy przystanku",
        "body": "Starsi ludzie nie mają gdzie usiąść, czekając na autobus.",
        "place": "ul. Lwowska 10",
        **extra,
    }


def jpeg(name="zdjecie.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "green").save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def test_listing_links_to_the_desk_form(client, nowy_sacz):
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse("mam_proposals:index")).content.decode()
    assert reverse(DESK) in html
    assert "Add a proposal brought to the centre" in html


def test_desk_form_offers_only_open_consultations_of_own_centres(client, nowy_sacz, chrzanow):
    own = consultation_in(nowy_sacz)
    closed = consultation_in(nowy_sacz, current="voting")
    other = consultation_in(chrzanow)
    client.force_login(staff(nowy_sacz))
    html = client.get(reverse(DESK)).content.decode()
    assert own.title in html
    assert closed.title not in html
    assert other.title not in html


def test_official_submits_for_a_resident_with_an_account(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    official = staff(nowy_sacz)
    resident = UserFactory(email="Jadwiga.Nowak@example.org")
    client.force_login(official)
    response = client.post(
        reverse(DESK),
        form_data(consultation, resident_email="jadwiga.nowak@EXAMPLE.org", photo_1=jpeg()),
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.author == resident
    assert proposal.submitted_by_staff == official
    assert proposal.submitted_for_name == ""
    assert proposal.photos.count() == 1
    assert ModelLogEntry.objects.filter(action="mam.proposal.desk_submit").exists()


def test_official_submits_a_paper_form_keeping_the_name_for_staff_only(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    official = staff(nowy_sacz)
    client.force_login(official)
    response = client.post(
        reverse(DESK), form_data(consultation, submitted_for_name="Stanisław Wójcik")
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.author is None
    assert proposal.submitted_by_staff == official
    assert proposal.submitted_for_name == "Stanisław Wójcik"
    client.logout()
    url = consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )
    public = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Stanisław Wójcik" not in public


def test_resident_must_be_named_by_email_or_name(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    client.force_login(staff(nowy_sacz))
    response = client.post(reverse(DESK), form_data(consultation))
    assert response.status_code == 400
    assert "Give the resident&#x27;s email address or their name" in response.content.decode()
    assert not Proposal.objects.exists()


def test_unknown_email_is_refused_with_a_message(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    client.force_login(staff(nowy_sacz))
    response = client.post(
        reverse(DESK), form_data(consultation, resident_email="nikt@example.org")
    )
    assert "No account has this email address" in response.content.decode()
    assert not Proposal.objects.exists()


def test_another_centres_consultation_is_refused(client, nowy_sacz, chrzanow):
    other = consultation_in(chrzanow)
    client.force_login(staff(nowy_sacz))
    response = client.post(reverse(DESK), form_data(other, submitted_for_name="Jan Kowalski"))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Proposal.objects.exists()


def test_consultation_outside_the_proposals_phase_is_refused(client, nowy_sacz):
    voting = consultation_in(nowy_sacz, current="voting")
    client.force_login(staff(nowy_sacz))
    response = client.post(reverse(DESK), form_data(voting, submitted_for_name="Jan Kowalski"))
    assert response.status_code == 400
    assert "is not collecting proposals now" in response.content.decode()
    assert not Proposal.objects.exists()


def test_service_rules_come_back_as_field_errors(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    client.force_login(staff(nowy_sacz))
    data = form_data(consultation, submitted_for_name="Jan Kowalski", place="")
    response = client.post(reverse(DESK), data)
    assert response.status_code == 400
    assert "Say where it is" in response.content.decode()
    assert not Proposal.objects.exists()


def test_moderators_cannot_open_the_desk(client, nowy_sacz):
    client.force_login(staff(nowy_sacz, roles.MODERATOR))
    assert client.get(reverse(DESK)).status_code in (302, 403)


def test_xss_in_the_title_is_escaped_in_the_form(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    client.force_login(staff(nowy_sacz))
    data = form_data(consultation, title="<script>alert(1)</script>")
    html = client.post(reverse(DESK), data).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_name_from_the_paper_form_is_not_exported(client, nowy_sacz):
    consultation = consultation_in(nowy_sacz)
    client.force_login(staff(nowy_sacz))
    client.post(reverse(DESK), form_data(consultation, submitted_for_name="Stanisław Wójcik"))
    response = client.get(reverse("mam_proposals:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "Ławka przy przystanku" in content
    assert "Stanisław Wójcik" not in content
