"""Walk every URL pattern with hostile values in its parameters: nothing answers with a 5xx.

Each route is tried with `²` (passes `str.isdigit()`), a NUL, 30 digits, a negative number,
an empty value and a very long one, in its path parameters and in the query parameters
views commonly read, as an anonymous visitor, a signed-in resident, a centre's staff member
and a superuser. Ids are parsed in one place (home/ids.py), so the class of bug, not one
view, is what this test keeps away.
"""

import re
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import roles
from consultations.models import ConsultationPage
from tests.factories import UserFactory
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.factories_voting import voting_consultation

HOSTILE = ["²", "\x00", "9" * 30, "-1", "", "7" * 300]
QUERY_PARAMETERS = [
    "id", "pk", "q", "p", "page", "centre", "consultation", "proposal", "category", "district",
    "status", "ordering", "order", "offset", "limit", "child_of", "descendant_of", "search",
    "next", "parent", "page_type", "export", "format",
]  # fmt: skip
# Wagtail's own page for trying out the 500 page: it fails on purpose.
DELIBERATE_ERRORS = {"admin/failwhale/"}
PARAMETER = re.compile(r"<(?:\w+:)?\w+>")


def walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _fill_groups(regex: str, value: str) -> str:
    """Replace each (possibly nested) regex group with `value`, drop the anchors."""
    out, depth = [], 0
    for char in regex:
        if char == "(":
            if depth == 0:
                out.append(value)
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0:
            out.append(char)
    text = "".join(out)
    return re.sub(r"[\^$\\?]|\.\*|\[[^\]]*\][*+]?", "", text)


def concrete(route: str, value: str) -> str:
    """The route with every parameter set to `value` (percent-encoded as a browser would)."""
    encoded = quote(value, safe="")
    return "/" + _fill_groups(PARAMETER.sub(lambda _match: encoded, route), encoded)


def every_route(consultation: ConsultationPage) -> list[str]:
    """The project's URL patterns, Wagtail's admin and API included, and a page's sub-URLs."""
    routes = set(walk(get_resolver().url_patterns)) - DELIBERATE_ERRORS
    prefix = consultation.url.lstrip("/")
    routes |= {prefix + str(p.pattern) for p in ConsultationPage.get_subpage_urls()}
    return sorted(routes)


def assert_no_server_error(client, routes) -> int:
    client.raise_request_exception = False
    failures, count = [], 0
    for route in routes:
        for value in HOSTILE:
            path = concrete(route, value)
            response = client.get(path, dict.fromkeys(QUERY_PARAMETERS, value))
            count += 1
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {path} ?…={value!r}")
    assert not failures, "\n".join(failures)
    return count


@pytest.fixture
def routes(home_page):
    consultation, (proposal, *_rest) = voting_consultation(home_page)
    ProposalFactory(consultation=consultation)
    return every_route(consultation)


@pytest.mark.django_db
def test_no_route_answers_anonymous_visitors_with_a_server_error(client, routes):
    assert len(routes) > 300, "the walk should see Wagtail's admin, the API and our pages"
    assert_no_server_error(client, routes)


@pytest.mark.django_db
def test_no_route_answers_a_signed_in_resident_with_a_server_error(client, routes):
    client.force_login(confirmed_user())
    assert_no_server_error(client, routes)


@pytest.mark.django_db
def test_no_route_answers_centre_staff_with_a_server_error(client, routes, home_page):
    centre = ConsultationPage.objects.get().get_parent().get_parent()
    moderator = UserFactory()
    moderator.groups.add(roles.centre_groups_ensure(centre)[roles.MODERATOR])
    client.force_login(moderator)
    assert_no_server_error(client, routes)


@pytest.mark.django_db
def test_no_route_answers_a_superuser_with_a_server_error(client, routes):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert_no_server_error(client, routes)


# --- The places the issue named, one by one ---------------------------------------------------

THIRTY = "9" * 30


@pytest.mark.parametrize(
    "path",
    [f"/konto/zamieszkanie/{THIRTY}/", f"/konto/zamieszkanie/?centre={THIRTY}"],
)
@pytest.mark.django_db
def test_a_residents_thirty_digit_id_is_a_4xx(client, home_page, path):
    client.force_login(confirmed_user())
    assert client.get(path).status_code in (400, 404)


@pytest.mark.parametrize(
    "path",
    [
        f"/admin/consultations/{THIRTY}/exports/",
        f"/admin/consultations/{THIRTY}/paper-ballots/",
        f"/admin/consultations/{THIRTY}/report/",
        f"/admin/consultations/{THIRTY}/publish-results/",
        f"/admin/consultations/surveys/{THIRTY}/answers/",
        f"/admin/images/chooser/chosen/{THIRTY}/",
        "/admin/choose-page/chosen-multiple/?id=%C2%B2",
        "/admin/api/main/pages/find/?id=",
    ],
)
@pytest.mark.django_db
def test_a_staff_id_that_cannot_be_one_is_a_4xx(client, home_page, path):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(path).status_code in (400, 404)
