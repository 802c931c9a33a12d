"""Walk every URL the project serves: staff-only ones refuse anonymous visitors and residents."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import UserFactory

# Everything under these prefixes is for staff only.
STAFF_PREFIXES = ("admin/",)
# Public by design under /admin/: sign-in and password reset, the JS catalogue, the icon sprite.
PUBLIC_ADMIN = re.compile(r"^admin/(login|logout|password_reset|jsi18n|sprite)")


def replace_groups(regex: str) -> str:
    """Replace each (possibly nested) regex group with 1."""
    out, depth = [], 0
    for char in regex:
        if char == "(":
            if depth == 0:
                out.append("1")
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    return "".join(out)


def sample_path(route: str) -> str:
    """Turn a pattern into a concrete path: every parameter becomes 1."""
    route = re.sub(r"<(?:\w+:)?\w+>", "1", route)  # path() converters
    route = replace_groups(route).replace("^", "").replace("$", "").replace("\\", "")
    return "/" + route.replace("?", "")


def walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def staff_routes():
    routes = sorted(
        {
            route
            for route in walk(get_resolver().url_patterns)
            if route.startswith(STAFF_PREFIXES) and not PUBLIC_ADMIN.match(route)
        }
    )
    assert len(routes) > 100, "the walk should see Wagtail's admin and ours"
    return routes


REFUSED = {302, 403, 404, 405}


def assert_refused(client, path):
    response = client.get(path)
    assert response.status_code in REFUSED, f"{path} answered {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith(
            ("/accounts/login/", "/admin/login/", "/konto/panel/")
        ), path


@pytest.mark.django_db
def test_staff_urls_refuse_anonymous_visitors(client, home_page):
    for route in staff_routes():
        assert_refused(client, sample_path(route))


@pytest.mark.django_db
def test_staff_urls_refuse_signed_in_residents(client, home_page):
    client.force_login(UserFactory())
    for route in staff_routes():
        assert_refused(client, sample_path(route))
