"""Staff sign in through allauth; everyone with admin access needs two-factor authentication
when required."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import override_settings

from accounts import roles
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, UserFactory


@pytest.fixture
def admin(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_admin_sends_anonymous_visitors_to_the_one_sign_in_page(client, db):
    response = client.get("/admin/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"


def test_wagtails_own_login_form_redirects_to_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@override_settings(MAM_REQUIRE_ADMIN_MFA=True)
def test_administrator_without_two_factor_is_sent_to_set_it_up(client, admin):
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(MAM_REQUIRE_ADMIN_MFA=True)
def test_administrator_with_two_factor_uses_the_admin(client, admin):
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


@override_settings(MAM_REQUIRE_ADMIN_MFA=True)
def test_the_public_site_is_not_blocked_for_an_administrator(client, admin, home_page):
    client.force_login(admin)
    assert client.get("/").status_code == 200


@override_settings(MAM_REQUIRE_ADMIN_MFA=False)
def test_without_the_requirement_administrators_may_skip_two_factor(client, admin):
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", [roles.OFFICIAL, roles.MODERATOR, roles.EDITOR])
@override_settings(MAM_REQUIRE_ADMIN_MFA=True)
def test_centre_staff_without_two_factor_are_sent_to_set_it_up(client, home_page, role):
    official = staff(CentrePageFactory(parent=home_page), role)
    client.force_login(official)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@override_settings(MAM_REQUIRE_ADMIN_MFA=True)
def test_centre_staff_with_two_factor_use_the_admin(client, home_page):
    official = staff(CentrePageFactory(parent=home_page), roles.OFFICIAL)
    TOTP.activate(official, generate_totp_secret())
    client.force_login(official)
    assert client.get("/admin/").status_code == 200


@override_settings(MAM_REQUIRE_ADMIN_MFA=True)
def test_a_resident_without_admin_access_is_not_asked_for_two_factor(client, home_page):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response["Location"] != "/accounts/2fa/totp/activate/"
