"""Signing up from a consultation keeps the resident's place through confirmation and sign-in."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from tests.accounts.test_signup import LOGIN, PASSWORD, SIGNUP, signup_data

TARGET = "/nowy-sacz/konsultacje/park-nad-dunajcem/"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def confirmation_link() -> str:
    [email] = mail.outbox
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", email.body).group(1)


def confirm(client, link):
    """Open the link and press the button: the form posts the link's `next` along."""
    page = client.get(link).content.decode()
    [next_url] = parse_qs(urlsplit(link).query)["next"]
    assert f'name="next" value="{next_url}"' in page.replace("&amp;", "&")
    return client.post(urlsplit(link).path, {"next": next_url})


def test_confirming_in_the_same_browser_signs_in_and_returns_to_the_consultation(client, home_page):
    client.post(SIGNUP, signup_data(next=TARGET))
    response = confirm(client, confirmation_link())
    assert response.status_code == 302
    assert response.url == TARGET
    assert "_auth_user_id" in client.session


def test_confirming_in_another_browser_leads_through_sign_in_back_to_the_consultation(
    client, home_page
):
    client.post(SIGNUP, signup_data(next=TARGET))
    phone = Client()
    confirmed = confirm(phone, confirmation_link())
    assert confirmed.status_code == 302
    assert confirmed.url.startswith(LOGIN) and "next=" in confirmed.url
    sign_in_page = phone.get(confirmed.url).content.decode()
    assert f'name="next" value="{TARGET}"' in sign_in_page
    signed_in = phone.post(
        LOGIN, {"login": "ola@example.org", "password": PASSWORD, "next": TARGET}
    )
    assert signed_in.status_code == 302
    assert signed_in.url == TARGET


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_a_foreign_next_never_reaches_the_email(client, home_page, target):
    client.post(SIGNUP, signup_data(next=target))
    assert "next=" not in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def test_the_headers_sign_up_link_keeps_the_page(client, home_page):
    html = client.get("/szukaj/").content.decode()
    assert "/accounts/signup/?next=/szukaj/" in html
