"""Walk every URL pattern with hostile values in its parameters: nothing answers with a 5xx.

Each route is tried with `²` (passes `str.isdigit()`), a NUL, 30 digits, a negative number,
an empty value and a very long one, in its path parameters and in the query parameters
views commonly read, as an anonymous visitor, a signed-in resident, a centre's staff member
and a superuser; then every route that takes a POST gets the same values in its form fields
(those its page shows and the usual API names) from a resident and from staff. Ids are
parsed in one place (home/ids.py), so the class of bug, not one view, is what this test
keeps away.

Requests that would repeat one already made are skipped, so the walk stays fast:
- two paths that resolve to the same view with the same arguments, with the same hostile
  value, are one request (most rejected values fall through to the same catch-all);
- a NUL anywhere is refused by home.middleware before any URL is resolved: one request;
- behind Wagtail's `require_admin_access` an anonymous visitor or a resident is refused
  before the view runs, whatever the value: one request per route shows the refusal, and
  staff and the superuser walk those routes with every value.
"""

import logging
import re
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from wagtail.admin.auth import require_admin_access

from accounts import roles
from consultations.models import ConsultationPage
from partners.models import PartnerIndexPage
from rooms.models import RoomIndexPage
from tests.factories import UserFactory
from tests.factories_partners import PartnerFactory, PartnerIndexPageFactory
from tests.factories_proposals import ProposalFactory, confirmed_user
from tests.factories_rooms import RoomFactory, RoomIndexPageFactory, organisation
from tests.factories_voting import voting_consultation

HOSTILE = ["²", "\x00", "9" * 30, "-1", "", "7" * 300]
QUERY_PARAMETERS = [
    "id", "pk", "q", "p", "page", "centre", "consultation", "proposal", "category", "district",
    "status", "ordering", "order", "offset", "limit", "child_of", "descendant_of", "search",
    "next", "parent", "page_type", "export", "format", "tydzien", "rok",
]  # fmt: skip
# Fields of our forms and API writes, posted even when the page does not show them.
FORM_FIELDS = [
    "title", "body", "text", "place", "latitude", "longitude", "estimated_cost", "photo_1",
    "alt_1", "action", "choices", "choice", "answer", "reason", "comment", "parent_id", "email",
    "name", "password", "residence", "organisation", "ballot", "amount", "note", "user",
    "group", "groups", "pages", "ids", "selected", "kind", "value", "official_cost",
    "booking", "decision", "day", "starts", "ends", "purpose", "people", "user_kind",
]  # fmt: skip
# Wagtail's own page for trying out the 500 page: it fails on purpose.
DELIBERATE_ERRORS = {"admin/failwhale/"}
# Routes whose POST ends the walker's session: the walk keeps its user signed in instead.
SESSION_ENDING = re.compile(r"logout|wyloguj")
PARAMETER = re.compile(r"<(?:\w+:)?\w+>")
FIELD_NAME = re.compile(r"""<(?:input|select|textarea)\b[^>]*\bname=["']([^"']+)["']""")
ADMIN_GATE = require_admin_access(lambda request: None).__code__


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


def _behind_admin_gate(view) -> bool:
    while view is not None:
        if getattr(view, "__code__", None) is ADMIN_GATE:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def _resolution(path: str, *, gate_refuses: bool):
    """What a request to `path` reaches: the same answer means the same request."""
    try:
        match = resolve(path)
    except Resolver404:
        return ("not found",)
    if gate_refuses and _behind_admin_gate(match.func):
        return ("refused by the admin gate", match.route)
    return (match.func, match.route, repr(match.args), repr(sorted(match.kwargs.items())))


def hostile_requests(routes, *, gate_refuses: bool):
    """(path, value) for each route and hostile value, without requests that repeat one."""
    seen = set()
    for route in routes:
        for value in HOSTILE:
            path = concrete(route, value)
            if "\x00" in value:
                # home.middleware answers any NUL with a 400 before a URL is even resolved.
                key = ("refused by the middleware",)
            else:
                key = _resolution(path, gate_refuses=gate_refuses)
            if key[0] not in ("refused by the admin gate", "refused by the middleware"):
                key += (value,)
            if key not in seen:
                seen.add(key)
                yield path, value


@contextmanager
def only_errors_logged():
    """4xx answers are expected by the thousand: log only what this test looks for."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def assert_no_server_error(client, routes, *, gate_refuses: bool = False) -> int:
    client.raise_request_exception = False
    failures, count = [], 0
    with only_errors_logged():
        for path, value in hostile_requests(routes, gate_refuses=gate_refuses):
            response = client.get(path, dict.fromkeys(QUERY_PARAMETERS, value))
            count += 1
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {path} ?…={value!r}")
    assert not failures, "\n".join(failures)
    return count


def _field_names(response) -> set[str]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return set()
    return set(FIELD_NAME.findall(response.content.decode(errors="replace")))


USUAL_FIELDS = set(QUERY_PARAMETERS + FORM_FIELDS)
# The route takes no POST, or none from this user: every value would get the same answer.
NO_POST = (403, 405)


def _post(client, path: str, fields: set[str], value: str, failures: list[str]) -> int:
    response = client.post(path, dict.fromkeys(fields, value))
    if response.status_code >= 500:
        failures.append(f"{response.status_code} POST {path} …={value!r}")
    return response.status_code


def assert_no_server_error_on_post(client, user, routes, *, gate_refuses: bool) -> int:
    """POST every hostile value into every field of every route that takes a POST.

    Path parameters are `1`, an id most tables have here, so forms are reached; the GET
    walk covers hostile path values.
    """
    client.raise_request_exception = False
    failures, count, seen = [], 0, set()
    with only_errors_logged():
        for route in routes:
            path = concrete(route, "1")
            key = _resolution(path, gate_refuses=gate_refuses)
            if key in seen or key[0] in ("not found", "refused by the admin gate"):
                continue
            seen.add(key)
            if SESSION_ENDING.search(route):
                continue
            client.force_login(user)  # a POST before may have signed the walker out
            # The first value with the usual names tells whether the route takes a POST from
            # this user; only then is its page read for the names of its own fields.
            count += 1
            if _post(client, path, USUAL_FIELDS, HOSTILE[0], failures) in NO_POST:
                continue
            fields = USUAL_FIELDS | (_field_names(client.get(path)) - {"csrfmiddlewaretoken"})
            for value in HOSTILE:
                count += 1
                if _post(client, path, fields, value, failures) in NO_POST:
                    break
    assert not failures, "\n".join(failures)
    return count


@pytest.fixture
def routes(home_page):
    consultation, (proposal, *_rest) = voting_consultation(home_page)
    ProposalFactory(consultation=consultation)
    # The rooms' sub-URLs under the centre (`<centre>/sale/...`), with one room to reach.
    centre = consultation.get_parent().get_parent().specific
    rooms_index = RoomIndexPageFactory(parent=centre)
    RoomFactory(centre=centre)
    prefix = rooms_index.url.lstrip("/")
    extra = {prefix + str(p.pattern) for p in RoomIndexPage.get_subpage_urls()}
    # The partners' sub-URLs (`<centre>/partnerzy/...`), with one partner and its account.
    partners_index = PartnerIndexPageFactory(parent=centre)
    PartnerFactory(centre=centre).accounts.add(organisation(email="partner@example.org"))
    prefix = partners_index.url.lstrip("/")
    extra |= {prefix + str(p.pattern) for p in PartnerIndexPage.get_subpage_urls()}
    return sorted(set(every_route(consultation)) | extra)


@pytest.fixture
def moderator(routes):
    centre = ConsultationPage.objects.get().get_parent().get_parent()
    user = UserFactory()
    user.groups.add(roles.centre_groups_ensure(centre)[roles.MODERATOR])
    return user


@pytest.mark.django_db
def test_no_route_answers_anonymous_visitors_with_a_server_error(client, routes):
    assert len(routes) > 300, "the walk should see Wagtail's admin, the API and our pages"
    assert_no_server_error(client, routes, gate_refuses=True)


@pytest.mark.django_db
def test_no_route_answers_a_signed_in_resident_with_a_server_error(client, routes):
    client.force_login(confirmed_user())
    assert_no_server_error(client, routes, gate_refuses=True)


@pytest.mark.django_db
def test_no_route_answers_centre_staff_with_a_server_error(client, routes, moderator):
    client.force_login(moderator)
    assert_no_server_error(client, routes)


@pytest.mark.django_db
def test_no_route_answers_a_superuser_with_a_server_error(client, routes):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert_no_server_error(client, routes)


@pytest.mark.django_db
def test_no_post_answers_a_signed_in_resident_with_a_server_error(client, routes):
    count = assert_no_server_error_on_post(client, confirmed_user(), routes, gate_refuses=True)
    assert count > 50, "the walk should reach our forms and the API"


@pytest.mark.django_db
def test_no_post_answers_centre_staff_with_a_server_error(client, routes, moderator):
    count = assert_no_server_error_on_post(client, moderator, routes, gate_refuses=False)
    assert count > 100, "the walk should reach the admin's forms"


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


@pytest.mark.django_db
def test_a_post_without_a_url_to_the_external_link_chooser_is_a_4xx(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post("/admin/choose-external-link/", {"title": "x"}).status_code == 400


@pytest.mark.django_db
def test_setting_the_root_pages_position_is_a_4xx(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post("/admin/pages/1/set_position/?position=0").status_code == 404
