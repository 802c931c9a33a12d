"""Internal notes: the centre's staff see them; the public, the API and exports never do,
unless an administrator explicitly asks for them in the proposals export (logged)."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import roles
from casework import services
from casework.models import InternalNote
from tests.casework.conftest import staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SECRET = "Wykonawca zna radnego – nie ujawniać"


@pytest.fixture
def note(proposal, official):
    return services.note_add(proposal=proposal, by=official, text=SECRET)


def export(client, **params):
    response = client.get(reverse("mam_proposals:index"), {"export": "csv", **params})
    return b"".join(response.streaming_content).decode()


def test_staff_read_and_write_notes_in_the_case_file(client, proposal, official, note):
    client.force_login(official)
    url = reverse("mam_cases:file", args=[proposal.pk])
    assert SECRET in client.get(url).content.decode()
    assert client.post(url, {"text": "Drugi wpis"}).status_code == 302
    assert InternalNote.objects.filter(proposal=proposal).count() == 2


def test_notes_show_beside_the_actions_on_the_proposal(client, proposal, official, note):
    client.force_login(official)
    html = client.get(reverse("mam_proposals:status", args=[proposal.pk])).content.decode()
    assert SECRET in html


def test_another_centres_staff_cannot_read_or_write_notes(client, proposal, note, chrzanow):
    client.force_login(staff(chrzanow))
    url = reverse("mam_cases:file", args=[proposal.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Obcy wpis"}).status_code == 404
    assert InternalNote.objects.count() == 1


def test_a_note_is_never_on_the_public_page(client, proposal, note):
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    client.force_login(proposal.author)
    assert SECRET not in client.get(proposal.get_absolute_url()).content.decode()


def test_a_note_is_never_in_the_api(client, proposal, note):
    for url in [f"/api/v1/proposals/{proposal.pk}/", "/api/v1/proposals/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode()


def test_a_note_is_not_in_the_default_export(client, proposal, official, note):
    client.force_login(official)
    body = export(client)
    assert proposal.title in body and SECRET not in body


def test_an_official_cannot_ask_for_notes_in_the_export(client, proposal, official, note):
    client.force_login(official)
    assert SECRET not in export(client, internal_notes="1")
    html = client.get(reverse("mam_proposals:index")).content.decode()
    assert "internal_notes=1" not in html


def test_an_administrator_exports_notes_on_request_and_it_is_logged(client, proposal, note):
    admin = UserFactory()
    admin.groups.add(roles.global_groups_ensure()["administrators"])
    admin.groups.add(roles.centre_groups_ensure(proposal.consultation.centre)[roles.OFFICIAL])
    client.force_login(admin)
    assert SECRET not in export(client)
    assert "internal_notes=1" in client.get(reverse("mam_proposals:index")).content.decode()
    assert SECRET in export(client, internal_notes="1")
    assert ModelLogEntry.objects.filter(action="mam.casework.notes_export").count() == 1


def test_the_administrators_xlsx_carries_the_notes(client, proposal, note):
    import io

    from openpyxl import load_workbook

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(reverse("mam_proposals:index"), {"export": "xlsx", "internal_notes": "1"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row]
    assert any(SECRET in cell for cell in cells)
