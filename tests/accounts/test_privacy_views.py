"""Downloading your data and deleting your account, through the pages."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Report, User
from accounts.services import moderation, residency
from tests.factories import CentrePageFactory, UserFactory
from tests.testapp.models import Remark

PASSWORD = "a-long-test-password"  # UserFactory's


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="MAM Chrzanów")


@pytest.fixture
def resident(centre):
    user = UserFactory(email="ola@example.org", display_name="Ola z Rynku")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    residency.declaration_submit(
        user=user, centre=centre, first_name="Ola", last_name="Nowak", street_address="Rynek 1"
    )
    return user


@pytest.fixture
def signed_in(client, resident):
    client.force_login(resident)
    return client


def block(user):
    user.blocked_at = timezone.now()
    user.blocked_reason = "Spam"
    user.save()


def test_download_is_a_dated_json_attachment_with_the_users_data(signed_in, centre):
    other = UserFactory(email="sasiad@example.org", display_name="Sąsiad")
    residency.declaration_submit(
        user=other, centre=centre, first_name="Piotr", last_name="Lis", street_address="Długa 3"
    )

    response = signed_in.get("/konto/moje-dane/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="mam-moje-dane-{today}.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "ola@example.org"
    assert data["residency_declarations"][0]["street_address"] == "Rynek 1"
    text = response.content.decode()
    for secret in ["sasiad@example.org", "Sąsiad", "Piotr", "Długa 3"]:
        assert secret not in text


def test_download_needs_signing_in(client, db):
    response = client.get("/konto/moje-dane/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_delete_page_explains_what_happens(signed_in):
    html = signed_in.get("/konto/usun/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Deleted user" in html
    assert "keep counting" in html
    assert 'name="password"' in html


def test_deleting_needs_the_checkbox_and_the_right_password(signed_in, resident):
    response = signed_in.post("/konto/usun/", {"password": PASSWORD})
    assert 'href="#id_understand"' in response.content.decode()
    response = signed_in.post("/konto/usun/", {"understand": "on", "password": "nie-to-haslo"})
    assert 'href="#id_password"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.deleted_at is None


def test_deleting_keeps_contributions_and_counts_and_signs_out(signed_in, resident):
    remark = Remark.objects.create(author=resident, text="Więcej ławek w parku")
    target = Remark.objects.create(author=UserFactory(), text="Reklama")
    moderation.report_submit(reporter=resident, target=target, reason="spam")

    response = signed_in.post(
        "/konto/usun/", {"understand": "on", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert "_auth_user_id" not in signed_in.session
    assert any("deleted" in str(m) for m in get_messages(response.wsgi_request))
    resident.refresh_from_db()
    assert resident.deleted_at is not None
    assert not resident.is_active
    remark.refresh_from_db()  # still there, now by a deleted user
    assert remark.author.deleted_at is not None
    assert Report.objects.filter(reporter=resident).count() == 1
    assert not User.objects.filter(email="ola@example.org").exists()


def test_guessing_the_password_to_delete_is_limited(signed_in, resident):
    for _attempt in range(5):
        signed_in.post("/konto/usun/", {"understand": "on", "password": "zle-haslo"})
    response = signed_in.post("/konto/usun/", {"understand": "on", "password": PASSWORD})
    assert response.status_code == 429
    resident.refresh_from_db()
    assert resident.deleted_at is None


def test_blocked_user_sees_the_banner_and_can_download_and_delete(signed_in, resident):
    block(resident)
    html = signed_in.get("/konto/usun/").content.decode()
    assert "Spam" in html
    assert signed_in.get("/konto/moje-dane/").status_code == 200
    response = signed_in.post("/konto/usun/", {"understand": "on", "password": PASSWORD})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.deleted_at is not None


def test_deleted_user_cannot_sign_in_again(client, resident):
    client.force_login(resident)
    client.post("/konto/usun/", {"understand": "on", "password": PASSWORD})
    response = client.post("/accounts/login/", {"login": "ola@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
