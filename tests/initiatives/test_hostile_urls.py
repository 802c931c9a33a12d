"""The initiatives' own sub-URLs and admin screens with hostile values: never a 5xx.

tests/test_hostile_urls.py walks the project's URL patterns and a consultation's sub-URLs;
this walks the initiatives index's sub-URLs (and the admin's, under its own roles) the same
way, as an anonymous visitor, a member, the coordinator and the centre's organiser.
"""

import pytest
from django.urls import get_resolver

from initiatives.models import InitiativeIndexPage
from initiatives.services import membership
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, running
from tests.test_hostile_urls import assert_no_server_error, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(home_page):
    _centre, index = centre_with_index(home_page)
    initiative = running(index)
    prefix = index.url.lstrip("/")
    routes = {prefix + str(p.pattern) for p in InitiativeIndexPage.get_subpage_urls()}
    routes |= {r for r in walk(get_resolver().url_patterns) if "initiatives/" in r}
    return initiative, sorted(routes)


def test_anonymous_visitors_get_no_server_error(client, setting):
    assert_no_server_error(client, setting[1])


def test_a_member_gets_no_server_error(client, setting):
    initiative, routes = setting
    user = confirmed_user()
    membership.initiative_join(initiative=initiative, user=user, kind="member")
    client.force_login(user)
    assert_no_server_error(client, routes)


def test_the_coordinator_gets_no_server_error(client, setting):
    initiative, routes = setting
    client.force_login(initiative.started_by)
    assert_no_server_error(client, routes)


def test_the_organiser_gets_no_server_error(client, setting):
    initiative, routes = setting
    client.force_login(organiser(initiative.centre))
    assert_no_server_error(client, routes)


def test_posts_with_hostile_values_get_no_server_error(client, setting):
    initiative, _routes = setting
    client.force_login(initiative.started_by)
    client.raise_request_exception = False
    base = initiative.get_absolute_url()
    for value in ["²", "\x00", "9" * 30, "-1", "", "7" * 300]:
        for path, data in [
            ("dolacz/", {"kind": value, "show_name": value, "action": value}),
            ("potrzeby/nowa/", {"title": value, "wanted": value, "starts_at": value}),
            ("dzialania/nowe/", {"kind": value, "title": value, "date": value}),
            ("zakonczenie/", {"outcome": value, "outcome_text": value}),
            ("koordynacja/", {"step": "hand", "member": value}),
            ("koordynacja/", {"step": "propose", "consultation": value}),
        ]:
            response = client.post(base + path, data)
            assert response.status_code < 500, (path, value)
