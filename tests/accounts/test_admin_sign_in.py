"""Opening the admin: anonymous visitors sign in and come back; a signed-in resident without
access is told so (403) instead of being sent between the admin and the login page for ever."""

import pytest
from django.urls import reverse

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ADMIN = "/admin/"


def test_anonymous_visitor_is_sent_to_sign_in_and_back_to_the_admin(client):
    response = client.get(ADMIN, follow=True)

    assert response.status_code == 200
    final_url, _ = response.redirect_chain[-1]
    assert final_url.startswith(reverse("account_login"))
    assert "next=/admin/" in final_url


def test_signed_in_resident_without_access_gets_an_explanation_not_a_loop(client):
    client.force_login(UserFactory(display_name="Anna z Lwowskiej"))

    response = client.get(ADMIN, follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert response.redirect_chain[0][0].startswith(reverse("accounts:admin_sign_in"))
    assert "Anna z Lwowskiej" in response.content.decode()


def test_the_explanation_offers_signing_out_to_use_a_staff_account(client):
    client.force_login(UserFactory())

    body = client.get(reverse("accounts:admin_sign_in")).content.decode()

    assert f'action="{reverse("account_logout")}"' in body
    assert f"{reverse('account_login')}?next=/admin/" in body


def test_wagtails_own_message_is_not_shown_twice(client):
    client.force_login(UserFactory())

    response = client.get(ADMIN, follow=True)

    assert 'class="message message--' not in response.content.decode()


def test_a_next_address_off_the_site_is_not_followed(client):
    response = client.get(reverse("accounts:admin_sign_in"), {"next": "https://evil.example/"})

    assert "evil.example" not in response.url


def test_staff_still_reach_the_admin(client, nowy_sacz):
    client.force_login(staff(nowy_sacz, roles.MODERATOR))

    assert client.get(ADMIN).status_code == 200
