"""The petition's sub-URLs and admin screens with hostile values, with a petition in place."""

import pytest
from django.urls import get_resolver

from initiatives.models import InitiativeIndexPage
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser
from tests.initiatives.petition_helpers import open_resolution
from tests.test_hostile_urls import assert_no_server_error, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(home_page):
    _centre, index = centre_with_index(home_page)
    petition = open_resolution(index)
    prefix = index.url.lstrip("/")
    routes = {prefix + str(p.pattern) for p in InitiativeIndexPage.get_subpage_urls()}
    routes = {r for r in routes if "petycja" in r}
    routes |= {r for r in walk(get_resolver().url_patterns) if "petitions/" in r}
    return petition, sorted(routes)


@pytest.mark.parametrize("who", ["anonymous", "resident", "coordinator", "organiser"])
def test_no_server_error_for_anyone(client, setting, who):
    petition, routes = setting
    people = {
        "resident": confirmed_user,
        "coordinator": lambda: petition.initiative.started_by,
        "organiser": lambda: organiser(petition.centre),
    }
    if who in people:
        client.force_login(people[who]())
    assert_no_server_error(client, routes)


@pytest.mark.parametrize("who", ["coordinator", "organiser"])
def test_posts_with_hostile_values_get_no_server_error(client, setting, who):
    petition, _routes = setting
    user = petition.initiative.started_by if who == "coordinator" else organiser(petition.centre)
    client.force_login(user)
    client.raise_request_exception = False
    base = petition.initiative.get_absolute_url() + "petycja/"
    admin = f"/admin/petitions/{petition.pk}/"
    for value in ["²", "\x00", "9" * 30, "-1", "", "7" * 300]:
        for path, data in [
            (base + "poparcie/", {"action": value}),
            (base + "komitet/", {"member": value}),
            (base + "komitet/zgoda/", {"full_name": value, "show_name": value, "action": value}),
            (base + "arkusze/", {"count": value}),
            (base + "przygotuj/", {"kind": value, "addressee": value, "title": value}),
            (admin, {"number": value, "count": value}),
            (admin + "committee/", {"full_name": value, "consent": value}),
            (admin + "filing/", {"filed_on": value}),
            (
                admin + "decision/",
                {"decision": value, "decided_on": value, "resolution_url": value},
            ),
            (f"/admin/petitions/threshold/{petition.centre_id}/", {"population": value}),
        ]:
            response = client.post(path, data)
            assert response.status_code < 500, (path, value)
