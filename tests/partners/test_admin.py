"""Staff keep their centre's partners in Wagtail's admin and decide on proposed changes,
seeing each changed field before and after; Chrzanów's staff see none of Nowy Sącz's."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts import roles
from partners import services
from partners.models import Partner, PartnerChange
from tests.accounts.staff_helpers import staff
from tests.factories import UserFactory
from tests.factories_partners import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def change(partner, ngo):
    return services.partner_change_submit(
        partner=partner, user=ngo, data={"description": "Prowadzimy kawiarenkę naprawczą."}
    )


def test_listing_shows_the_centres_partners_only(client, partner, other_centre):
    PartnerFactory(centre=other_centre, name="Klub Seniora Chrzanów")
    client.force_login(staff(partner.centre, roles.OFFICIAL))
    text = client.get(reverse("mam_partners:index")).text
    assert "Stowarzyszenie Sąsiedzi" in text and "Klub Seniora Chrzanów" not in text


def test_staff_of_another_centre_cannot_open_a_partner(client, partner, other_centre):
    client.force_login(staff(other_centre, roles.OFFICIAL))
    assert client.get(reverse("mam_partners:edit", args=[partner.pk])).status_code == 404


def test_chrzanow_staff_see_none_of_nowy_sacz_changes(client, change, other_centre):
    client.force_login(staff(other_centre, roles.OFFICIAL))
    assert "Stowarzyszenie Sąsiedzi" not in client.get(reverse("mam_partner_changes:index")).text
    response = client.get(reverse("mam_partner_changes:decide", args=[change.pk]))
    assert response.status_code == 404


def test_decision_screen_shows_the_fields_before_and_after(client, change, partner):
    client.force_login(staff(partner.centre, roles.MODERATOR))
    response = client.get(reverse("mam_partner_changes:decide", args=[change.pk]))
    assert response.status_code == 200
    assert "<del>Pomagamy sąsiadom" in response.text
    assert "<ins>Prowadzimy kawiarenkę naprawczą." in response.text


def test_staff_approve_on_the_decision_screen(client, change, partner):
    client.force_login(staff(partner.centre, roles.OFFICIAL))
    url = reverse("mam_partner_changes:decide", args=[change.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 302
    assert Partner.objects.get(pk=partner.pk).description == "Prowadzimy kawiarenkę naprawczą."
    assert len(mail.outbox) == 1


def test_declining_without_a_reason_is_an_error(client, change, partner):
    client.force_login(staff(partner.centre, roles.OFFICIAL))
    url = reverse("mam_partner_changes:decide", args=[change.pk])
    assert client.post(url, {"decision": "decline"}).status_code == 400
    assert PartnerChange.objects.get().state == "pending"


def test_a_resident_cannot_open_the_queue(client, change):
    client.force_login(UserFactory())
    assert client.get(reverse("mam_partner_changes:index")).status_code in (302, 403)
