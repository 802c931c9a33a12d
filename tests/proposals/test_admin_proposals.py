"""The proposals admin: scoped to the official's centres, filters, export, status changes."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts import roles
from proposals.models import Proposal, Support
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

pytestmark = pytest.mark.django_db


def consultation_in(centre):
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(ConsultationPageFactory(parent=index), current="discussion")


@pytest.fixture
def nowy_sacz(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Nowy Sącz", slug="nowy-sacz")


@pytest.fixture
def chrzanow(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")


@pytest.fixture
def sacz_proposal(nowy_sacz):
    return ProposalFactory(
        consultation=consultation_in(nowy_sacz), title="Ławki w parku Strzeleckim"
    )


@pytest.fixture
def chrzanow_proposal(chrzanow):
    return ProposalFactory(
        consultation=consultation_in(chrzanow), title="Kosze przy rynku w Chrzanowie"
    )


def staff(centre, role=roles.OFFICIAL):
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def test_officials_see_only_their_centres_proposals(
    client, chrzanow, sacz_proposal, chrzanow_proposal
):
    client.force_login(staff(chrzanow))
    html = client.get(reverse("mam_proposals:index")).content.decode()
    assert "Kosze przy rynku w Chrzanowie" in html
    assert "Ławki w parku Strzeleckim" not in html


def test_another_centres_proposal_cannot_be_answered(client, chrzanow, sacz_proposal):
    client.force_login(staff(chrzanow))
    url = reverse("mam_proposals:status", args=[sacz_proposal.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"status": "under_review", "answer": "Nie moje."})
    assert response.status_code == 404
    sacz_proposal.refresh_from_db()
    assert sacz_proposal.status == Proposal.Status.SUBMITTED


def test_residents_and_editors_cannot_open_the_listing(client, chrzanow):
    client.force_login(staff(chrzanow, roles.EDITOR))
    response = client.get(reverse("mam_proposals:index"))
    assert response.status_code in (302, 403)


def test_filter_by_status_and_search(client, nowy_sacz, sacz_proposal):
    other = ProposalFactory(consultation=sacz_proposal.consultation, title="Nowy przystanek")
    other.status = Proposal.Status.UNDER_REVIEW
    other.save()
    client.force_login(staff(nowy_sacz))
    index = reverse("mam_proposals:index")
    html = client.get(index, {"status": "under_review"}).content.decode()
    assert "Nowy przystanek" in html
    assert "Ławki w parku Strzeleckim" not in html
    html = client.get(index, {"q": "Ławki"}).content.decode()
    assert "Ławki w parku Strzeleckim" in html
    assert "Nowy przystanek" not in html


def test_filter_by_open_reports(client, nowy_sacz, sacz_proposal):
    from accounts.services import moderation

    quiet = ProposalFactory(consultation=sacz_proposal.consultation, title="Nowy przystanek")
    moderation.report_submit(reporter=UserFactory(), target=sacz_proposal, reason="spam")
    client.force_login(staff(nowy_sacz))
    index = reverse("mam_proposals:index")
    reported = client.get(index, {"reported": "true"}).content.decode()
    assert sacz_proposal.title in reported
    assert quiet.title not in reported
    unreported = client.get(index, {"reported": "false"}).content.decode()
    assert quiet.title in unreported
    assert sacz_proposal.title not in unreported


def test_export_lists_the_proposals_without_personal_data(client, nowy_sacz, sacz_proposal):
    client.force_login(staff(nowy_sacz))
    response = client.get(reverse("mam_proposals:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert "Ławki w parku Strzeleckim" in body
    assert f"/propozycje/{sacz_proposal.pk}/" in body
    assert sacz_proposal.author.email not in body


def test_changing_the_status_in_the_admin(client, nowy_sacz, sacz_proposal):
    client.force_login(staff(nowy_sacz))
    url = reverse("mam_proposals:status", args=[sacz_proposal.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "under_review", "answer": "Oglądamy park."})
    assert response.status_code == 302
    sacz_proposal.refresh_from_db()
    assert sacz_proposal.status == Proposal.Status.UNDER_REVIEW
    assert sacz_proposal.status_changes.get().answer == "Oglądamy park."


def test_rejecting_without_a_reason_keeps_the_form(client, nowy_sacz, sacz_proposal):
    client.force_login(staff(nowy_sacz))
    url = reverse("mam_proposals:status", args=[sacz_proposal.pk])
    response = client.post(url, {"status": "rejected", "answer": ""})
    assert response.status_code == 400
    sacz_proposal.refresh_from_db()
    assert sacz_proposal.status == Proposal.Status.SUBMITTED


def test_recording_a_support_given_in_person(client, nowy_sacz, sacz_proposal):
    resident = UserFactory(email="pani.halina@example.org")
    client.force_login(staff(nowy_sacz))
    url = reverse("mam_proposals:support", args=[sacz_proposal.pk])
    client.post(url, {"email": "Pani.Halina@example.org"})
    support = Support.objects.get(user=resident)
    assert support.channel == Support.Channel.IN_PERSON
    sacz_proposal.refresh_from_db()
    assert sacz_proposal.supports_count == 1


def test_forwarding_in_the_admin(client, nowy_sacz, sacz_proposal):
    client.force_login(staff(nowy_sacz))
    url = reverse("mam_proposals:forward", args=[sacz_proposal.pk])
    client.post(url, {"body_name": "Sądecka Infrastruktura Komunalna", "answer_due": ""})
    sacz_proposal.refresh_from_db()
    assert sacz_proposal.forwarded_to == "Sądecka Infrastruktura Komunalna"


def test_the_listing_csv_speaks_the_consultation_exports_dialect(client, nowy_sacz, sacz_proposal):
    """BOM, semicolons and Warsaw time to the second, as Polish Excel expects."""
    import datetime

    from django.utils import timezone

    Proposal.objects.filter(pk=sacz_proposal.pk).update(
        created_at=datetime.datetime(2026, 7, 1, 10, 5, 7, 123456, tzinfo=datetime.UTC)
    )
    client.force_login(staff(nowy_sacz))
    response = client.get(reverse("mam_proposals:index"), {"export": "csv"})
    data = b"".join(response.streaming_content)
    assert data.startswith("\ufeff".encode())
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, row = data.decode("utf-8-sig").splitlines()[:2]
    assert header.split(";")[0] == "Tytuł"
    assert ";2026-07-01 12:05:07;" in row  # 10:05 UTC is 12:05 in Warsaw in July
    assert ".123456" not in row
    assert timezone.get_current_timezone_name() == "Europe/Warsaw"


def test_the_listing_xlsx_gives_warsaw_time_to_the_second(client, nowy_sacz, sacz_proposal):
    import datetime
    import io

    from openpyxl import load_workbook

    Proposal.objects.filter(pk=sacz_proposal.pk).update(
        created_at=datetime.datetime(2026, 7, 1, 10, 5, 7, 123456, tzinfo=datetime.UTC)
    )
    client.force_login(staff(nowy_sacz))
    response = client.get(reverse("mam_proposals:index"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [cell.value for cell in sheet[2]]
    assert datetime.datetime(2026, 7, 1, 12, 5, 7) in values
