"""The partners screens staff use, and the yearly attendance summary, read as Polish (the
heuristic of tests/config)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from partners import services
from tests.config.test_admin_polish import english_on
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_no_partners_screen_shows_an_english_sentence(client, partner, ngo):
    change = services.partner_change_submit(
        partner=partner, user=ngo, data={"description": "Nowy opis."}
    )
    admin = UserFactory(is_superuser=True, is_staff=True)
    UserProfile.objects.update_or_create(user=admin, defaults={"preferred_language": "pl"})
    client.force_login(admin)
    found = {}
    for url in [
        reverse("mam_partners:index"),
        reverse("mam_partners:add"),
        reverse("mam_partners:edit", args=[partner.pk]),
        reverse("mam_partner_changes:index"),
        reverse("mam_partner_changes:decide", args=[change.pk]),
        reverse("activity_signups:report"),
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="pl")
        assert response.status_code == 200, url
        if english := english_on(response.content.decode()):
            found[url] = english
    assert found == {}
