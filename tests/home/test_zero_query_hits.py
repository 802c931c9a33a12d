"""An anonymous copy of a content page is served without a database query (issue #17), and
the memories that make that possible (home/routing.py, home/restrictions.py) never serve a
page to a visitor its view restrictions refuse."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from initiatives.models import InitiativeIndexPage
from tests.factories import CentrePageFactory, ContentPageFactory, NewsIndexPageFactory
from tests.factories_consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories_events import activity, index_of
from tests.factories_proposals import confirmed_user
from tests.implementation.conftest import publish_result

pytestmark = pytest.mark.django_db

KINDS = ["home", "centre", "news", "activities", "initiatives", "implementation"]


@pytest.fixture
def content_urls(home_page):
    centre = CentrePageFactory(parent=home_page)
    news = NewsIndexPageFactory(parent=centre)
    activity(centre, title="Szachy", starts_at=timezone.now() + timezone.timedelta(days=2))
    initiatives = centre.add_child(instance=InitiativeIndexPage(title="Inicjatywy"))
    consultations = ConsultationIndexPageFactory(parent=centre)
    edition = ConsultationPageFactory(parent=consultations, voting_method="approval", max_choices=3)
    publish_result(edition)
    return {
        "home": home_page.url,
        "centre": centre.url,
        "news": news.url,
        "activities": index_of(centre).url,
        "initiatives": initiatives.url,
        "implementation": edition.sub_url("implementation_list"),
    }


@pytest.mark.parametrize("kind", KINDS)
def test_an_anonymous_copy_is_served_without_a_query(
    client, content_urls, django_assert_num_queries, kind
):
    url = content_urls[kind]
    assert client.get(url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_a_page_published_below_a_copied_page_shows_on_the_next_hit(client, home_page):
    centre = CentrePageFactory(parent=home_page)
    client.get(centre.url)
    assert client.get(centre.url)["X-Page-Cache"] == "hit"
    ContentPageFactory(parent=centre, title="Godziny otwarcia w święta", show_in_menus=True)
    assert client.get(centre.url)["X-Page-Cache"] == "miss"


def _restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="tajne" if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.create(name="Rada osiedla"))
    return restriction


REFUSED = {
    PageViewRestriction.PASSWORD: 200,  # Wagtail's password form
    PageViewRestriction.LOGIN: 302,
    PageViewRestriction.GROUPS: 302,
}


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_copied_page_restricted_afterwards_refuses_the_next_anonymous_visitor(
    client, home_page, kind
):
    centre = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=centre, title="Protokół zebrania")
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    _restrict(centre, kind)
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == REFUSED[kind]
        assert response.get("X-Page-Cache") != "hit"
        assert "Protokół zebrania" not in response.content.decode()


@pytest.mark.parametrize("kind", list(REFUSED))
def test_a_restricted_page_is_never_copied_nor_remembered_as_open(client, home_page, kind):
    page = ContentPageFactory(parent=home_page, title="Tylko dla rady")
    _restrict(page, kind)
    for _ in range(3):
        response = client.get(page.url)
        assert response.status_code == REFUSED[kind]
        assert response.get("X-Page-Cache") != "hit"
    # Its restrictions are read from the database on every request.
    specific = Page.objects.get(pk=page.pk).specific
    assert list(specific.get_view_restrictions()) == list(specific.get_view_restrictions())
    assert specific.get_view_restrictions().exists()


def test_a_group_member_is_served_fresh_and_another_resident_refused(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Tylko dla rady")
    restriction = _restrict(page, PageViewRestriction.GROUPS)
    member, outsider = confirmed_user(), confirmed_user()
    member.groups.add(restriction.groups.get())
    client.force_login(member)
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    client.force_login(outsider)
    assert client.get(page.url).status_code == 302


def test_a_password_accepted_once_does_not_open_the_page_to_the_next_visitor(client, home_page):
    from django.test import Client

    page = ContentPageFactory(parent=home_page, title="Tajne")
    restriction = _restrict(page, PageViewRestriction.PASSWORD)
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client.post(url, {"password": "tajne", "return_url": page.url})
    assert "Tajne" in client.get(page.url).content.decode()
    assert client.get(page.url).get("X-Page-Cache") != "hit"
    stranger = Client().get(page.url)
    assert stranger.status_code == 200
    assert 'name="password"' in stranger.content.decode()


def test_the_remembered_absence_of_restrictions_equals_wagtails_own_answer(home_page):
    centre = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=centre)
    for _ in range(2):  # the second answer comes from the memory
        assert list(page.get_view_restrictions()) == list(
            Page.get_view_restrictions(Page.objects.get(pk=page.pk))
        )
    restriction = _restrict(centre, PageViewRestriction.LOGIN)
    assert list(page.get_view_restrictions()) == [restriction]
