"""Signing up: display name and consent, email confirmation, and allauth's protections."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from accounts import roles
from accounts.models import User
from home.models import FooterSettings
from tests.factories import ContentPageFactory, UserFactory

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
PASSWORD = "zielony-park-nad-Dunajcem"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the (locmem) cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def legal_pages(home_page, site):
    terms = ContentPageFactory(parent=home_page, slug="zasady-udzialu", title="Zasady udziału")
    privacy = ContentPageFactory(parent=home_page, slug="polityka-prywatnosci", title="RODO")
    FooterSettings.objects.update_or_create(site=site, defaults={"privacy_page": privacy})
    return terms, privacy


def signup_data(**overrides):
    data = {
        "email": "ola@example.org",
        "display_name": "Ola z Rynku",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_terms": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_signup_page_links_the_terms_and_the_privacy_notice(client, legal_pages):
    terms, privacy = legal_pages
    html = client.get(SIGNUP).content.decode()
    assert f'href="{terms.url}"' in html
    assert f'href="{privacy.url}"' in html
    assert 'name="display_name"' in html


def test_sign_up_confirm_the_email_and_sign_in(client, legal_pages):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    user = User.objects.get(email="ola@example.org")
    assert user.display_name == "Ola z Rynku"
    assert user.accepted_terms_at is not None
    assert user.groups.filter(name=roles.RESIDENTS).exists()
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ola@example.org"]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    assert client.get(link.group(1)).status_code == 200
    client.post(link.group(1))
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(LOGIN, {"login": "ola@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signing_in_before_confirming_the_email_is_held_back(client, legal_pages):
    client.post(SIGNUP, signup_data())
    client.logout()
    response = client.post(LOGIN, {"login": "ola@example.org", "password": PASSWORD})
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_sign_up_without_consent_fails_with_the_error_linked(client, legal_pages):
    response = client.post(SIGNUP, signup_data(accept_terms=None))
    assert response.status_code == 200
    assert not User.objects.exists()
    html = response.content.decode()
    assert 'href="#id_accept_terms"' in html  # the error summary links to the checkbox
    assert 'id="id_accept_terms-error"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_accept_terms-error"', html)


def test_display_name_is_required_and_is_not_an_email(client, legal_pages):
    response = client.post(SIGNUP, signup_data(display_name=""))
    assert "display_name" in response.context["form"].errors
    response = client.post(SIGNUP, signup_data(display_name="ola@example.org"))
    assert "display_name" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.parametrize("password", ["Krotkie-1x", "password1234", "qwertyuiop123"])
def test_short_and_common_passwords_are_refused(client, legal_pages, password):
    response = client.post(SIGNUP, signup_data(password1=password, password2=password))
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


def test_a_filled_honeypot_makes_no_account_and_tells_the_bot_nothing(client, legal_pages):
    response = client.post(SIGNUP, signup_data(website="https://spam.example"))
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not User.objects.exists()
    assert mail.outbox == []


def test_signing_up_with_a_taken_email_looks_the_same_and_warns_the_owner(client, legal_pages):
    owner = UserFactory(email="ola@example.org")
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)

    response = client.post(SIGNUP, signup_data(display_name="Ktoś inny"))

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ola@example.org"]
    assert "/accounts/confirm-email/" not in mail.outbox[0].body
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_sixth_sign_in_within_a_minute_is_refused_even_with_the_right_password(client, db):
    user = UserFactory(email="ola@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for _attempt in range(5):
        response = client.post(LOGIN, {"login": user.email, "password": "zle-haslo-123456"})
        assert response.status_code == 200

    response = client.post(
        LOGIN, {"login": user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "Too many failed login attempts" in str(response.context["form"].errors)
    assert "_auth_user_id" not in client.session
