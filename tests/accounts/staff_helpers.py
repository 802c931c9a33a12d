"""Helpers shared by the staff-admin tests: centre staff and what a response amounted to."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts import roles
from tests.factories import UserFactory

OK, DENIED, NOT_FOUND, LOGIN = "ok", "denied", "not found", "login"


def staff(centre, role, **fields):
    """A member of the centre's role group who reads the admin in English (assertions do)."""
    user = UserFactory(**fields)
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})
    return user


def login_url() -> str:
    """Where Wagtail sends people who may not use the admin (configurable in settings)."""
    return resolve_url(getattr(settings, "WAGTAILADMIN_LOGIN_URL", "wagtailadmin_login"))


def outcome(response) -> str:
    """What the person saw: the page, Wagtail's "no permission", not found, or the login."""
    if response.status_code == 200:
        return OK
    if response.status_code == 404:
        return NOT_FOUND
    if response.status_code == 302 and response.url == reverse("wagtailadmin_home"):
        return DENIED
    if response.status_code == 302 and response.url.startswith(login_url()):
        return LOGIN
    return f"unexpected {response.status_code}"


def html(response) -> str:
    return response.content.decode()
