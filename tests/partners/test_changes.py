"""A confirmed organisation proposes changes to its entry on the public form; nothing is
public until the centre's staff approve; staff decline with a reason; emails either way."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts import roles
from consultations.participation import NotAllowed
from partners import services
from partners.models import Partner, PartnerChange
from tests.accounts.staff_helpers import staff
from tests.factories import UserFactory
from tests.factories_partners import partner_url
from tests.factories_rooms import organisation

pytestmark = pytest.mark.django_db


def form_data(partner, **changes):
    data = {
        "name": partner.name,
        "description": partner.description,
        "website": partner.website,
        "email": partner.email,
        "email_public": "on" if partner.email_public else "",
        "phone": partner.phone,
        "address": partner.address,
        "alt_1": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "green").save(out, format="PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


def test_organisation_sends_changes_that_wait_for_the_centre(client, partner, ngo):
    client.force_login(ngo)
    response = client.post(
        partner_url(partner, "edytuj/"), form_data(partner, description="Nowy opis działań.")
    )
    assert response.status_code == 302
    change = PartnerChange.objects.get()
    assert change.state == "pending" and change.data["description"] == "Nowy opis działań."
    partner.refresh_from_db()
    assert partner.description != "Nowy opis działań."
    assert "Nowy opis działań." not in client.get(partner_url(partner)).text


def test_edit_form_works_without_javascript_and_shows_the_fields(client, partner, ngo):
    client.force_login(ngo)
    text = client.get(partner_url(partner, "edytuj/")).text
    assert 'enctype="multipart/form-data"' in text and 'name="description"' in text
    assert "<script" not in text.split("<form", 1)[1].split("</form>", 1)[0]


def test_a_resident_who_is_not_the_partner_cannot_edit(client, partner):
    client.force_login(UserFactory())
    assert client.get(partner_url(partner, "edytuj/")).status_code == 404


def test_an_unconfirmed_organisation_cannot_edit(client, partner):
    user = UserFactory(organisation_name="Stowarzyszenie Sąsiedzi")
    partner.accounts.add(user)
    client.force_login(user)
    assert client.get(partner_url(partner, "edytuj/")).status_code == 404


def test_another_partners_organisation_cannot_edit(client, partner, centre):
    other = organisation(email="inna@example.org")
    client.force_login(other)
    assert client.post(partner_url(partner, "edytuj/"), form_data(partner)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, partner):
    response = client.get(partner_url(partner, "edytuj/"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_logo_without_alt_text_is_refused(client, partner, ngo):
    client.force_login(ngo)
    data = form_data(partner)
    data["photo_1"] = png()
    response = client.post(partner_url(partner, "edytuj/"), data)
    assert response.status_code == 400
    assert not PartnerChange.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(client, partner, ngo):
    client.force_login(ngo)
    data = form_data(partner, alt_1="Logo")
    data["photo_1"] = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    assert client.post(partner_url(partner, "edytuj/"), data).status_code == 400


def test_service_refuses_a_change_that_changes_nothing(partner, ngo):
    values = {"name": partner.name, "description": partner.description}
    with pytest.raises(NotAllowed):
        services.partner_change_submit(partner=partner, user=ngo, data=values)


def test_new_changes_replace_the_ones_still_waiting(partner, ngo):
    services.partner_change_submit(partner=partner, user=ngo, data={"description": "Pierwszy."})
    services.partner_change_submit(partner=partner, user=ngo, data={"description": "Drugi."})
    assert PartnerChange.objects.get().data["description"] == "Drugi."


def submitted(partner, ngo, **data):
    data = data or {"description": "Nowy opis.", "phone_public": True}
    return services.partner_change_submit(partner=partner, user=ngo, data=data)


def test_approval_publishes_the_changes_and_emails_the_organisation(client, partner, ngo):
    change = submitted(partner, ngo)
    official = staff(partner.centre, roles.OFFICIAL)
    services.partner_change_approve(change=change, by=official)
    partner.refresh_from_db()
    assert partner.description == "Nowy opis." and partner.phone_public
    assert mail.outbox[-1].to == ["ngo@example.org"]
    assert "+48 18 000 00 00" in client.get(partner_url(partner)).text


def test_decline_needs_a_reason_and_emails_it(partner, ngo):
    change = submitted(partner, ngo)
    moderator = staff(partner.centre, roles.MODERATOR)
    with pytest.raises(NotAllowed):
        services.partner_change_decline(change=change, by=moderator, reason=" ")
    services.partner_change_decline(change=change, by=moderator, reason="Opis jest za krótki.")
    partner.refresh_from_db()
    assert partner.description != "Nowy opis."
    assert "Opis jest za krótki." in mail.outbox[-1].body


def test_staff_of_another_centre_cannot_decide(partner, ngo, other_centre):
    change = submitted(partner, ngo)
    with pytest.raises(NotAllowed):
        services.partner_change_approve(change=change, by=staff(other_centre, roles.OFFICIAL))
    assert PartnerChange.objects.get().state == "pending"


def test_a_decided_change_cannot_be_decided_again(partner, ngo):
    change = submitted(partner, ngo)
    official = staff(partner.centre, roles.OFFICIAL)
    services.partner_change_approve(change=change, by=official)
    with pytest.raises(NotAllowed):
        services.partner_change_decline(change=change, by=official, reason="Jednak nie.")


def test_approved_logo_replaces_the_partners_logo(client, partner, ngo):
    client.force_login(ngo)
    data = form_data(partner, alt_1="Zielone logo stowarzyszenia")
    data["photo_1"] = png()
    assert client.post(partner_url(partner, "edytuj/"), data).status_code == 302
    change = PartnerChange.objects.get()
    services.partner_change_approve(change=change, by=staff(partner.centre, roles.OFFICIAL))
    partner = Partner.objects.get(pk=partner.pk)
    assert partner.logo and partner.logo_alt == "Zielone logo stowarzyszenia"
    assert 'alt="Zielone logo stowarzyszenia"' in client.get(partner_url(partner)).text
