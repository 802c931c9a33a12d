"""allauth's emails and pages in the site's own plain Polish, with the site's name."""

import pytest
from django.core import mail
from django.core.cache import cache

from tests.accounts.test_signup import LOGIN, SIGNUP, signup_data
from tests.factories import UserFactory

SITE_NAME = "MAM – Miejsca Aktywności Mieszkańców"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def polish(client, site):
    """Polish pages, and the Wagtail site named as the demo names it."""
    site.site_name = SITE_NAME
    site.save()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "pl"
    return client


def test_confirmation_email_names_the_site_and_greets_the_person(polish, home_page):
    polish.post(SIGNUP, signup_data())
    [email] = mail.outbox
    assert email.subject == "[MAM] Potwierdź swój adres e-mail"
    assert email.body.startswith("Dzień dobry, Ola z Rynku")
    assert SITE_NAME in email.body
    assert "/accounts/confirm-email/" in email.body


def test_confirmation_email_has_no_bare_host_as_greeting(polish, home_page):
    polish.post(SIGNUP, signup_data())
    body = mail.outbox[0].body
    assert "Witamy z" not in body and "w domenie" not in body
    assert "testserver!" not in body


def test_password_reset_email_names_the_site(polish, home_page):
    UserFactory(email="ola@example.org", display_name="Ola")
    polish.post("/accounts/password/reset/", {"email": "ola@example.org"})
    [email] = mail.outbox
    assert email.subject == "[MAM] Ustaw nowe hasło"
    assert SITE_NAME in email.body


def test_sign_in_page_uses_the_sites_wording(polish, home_page):
    html = polish.get(LOGIN).content.decode()
    assert "Zaloguj się" in html
    assert "Załóż konto" in html
    assert "proszę zarejestruj się" not in html


def test_sign_up_page_uses_the_sites_wording(polish, home_page):
    html = polish.get(SIGNUP).content.decode()
    assert "Załóż konto" in html
    assert "Zarejestruj się" not in html
