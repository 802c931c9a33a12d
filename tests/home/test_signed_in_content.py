"""Signed-in visitors' home and centre pages: the part the same for everyone is rendered once
per version (home/page_cache.py: shared_part), the person's own bits per request (issue #17)."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import CentrePageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.factories_events import activity
from tests.factories_proposals import confirmed_user, open_consultation

pytestmark = pytest.mark.django_db
MAX_QUERIES = 6


@pytest.fixture
def centre(home_page):
    centre = CentrePageFactory(parent=home_page, title="Centrum Nowy Sącz")
    NewsPageFactory(parent=NewsIndexPageFactory(parent=centre), title="Nowa świetlica")
    activity(centre, title="Szachy", starts_at=timezone.now() + datetime.timedelta(days=2))
    open_consultation(home_page)
    return centre


@pytest.mark.parametrize("which", ["home", "centre"])
def test_a_signed_in_residents_page_takes_at_most_six_queries(
    client, home_page, centre, django_assert_max_num_queries, which
):
    url = home_page.url if which == "home" else centre.url
    client.force_login(confirmed_user())
    client.get(url)
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert "Centrum Nowy Sącz" in response.content.decode()


@pytest.mark.parametrize("which", ["home", "centre"])
def test_two_residents_each_see_their_own_name_and_not_the_others(
    home_page, centre, which, two_residents_pages
):
    _first, second = two_residents_pages(home_page.url if which == "home" else centre.url)
    assert "Nowa świetlica" in second


def test_news_published_shows_to_a_signed_in_resident_at_once(client, home_page, centre):
    client.force_login(confirmed_user())
    client.get(centre.url)
    news = centre.get_children().type(NewsIndexPageFactory._meta.model).first()
    NewsPageFactory(parent=news, title="Zebranie rady osiedla")
    assert "Zebranie rady osiedla" in client.get(centre.url).content.decode()


def test_an_anonymous_copy_built_around_a_stored_part_lapses_when_its_activity_starts(
    client, home_page, monkeypatch
):
    from django.test import Client

    now = timezone.now()
    centre = CentrePageFactory(parent=home_page)
    activity(centre, title="Warsztaty", starts_at=now + datetime.timedelta(seconds=60))
    resident = Client()
    resident.force_login(confirmed_user())
    resident.get(centre.url)  # stores the shared part, which lapses when the activity starts
    assert client.get(centre.url)["X-Page-Cache"] == "miss"  # the copy, around the part
    assert client.get(centre.url)["X-Page-Cache"] == "hit"
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(seconds=120))
    assert client.get(centre.url)["X-Page-Cache"] == "miss"


def test_a_preview_never_stores_nor_reads_the_shared_part(rf, home_page):
    from home import page_cache

    request = rf.get(home_page.url)
    page_cache.shared_part(home_page, request, lambda: "zapisana wersja")
    preview = rf.get(home_page.url)
    preview.is_preview = True
    assert page_cache.shared_part(home_page, preview, lambda: "szkic") == "szkic"
    later = rf.get(home_page.url)
    assert page_cache.shared_part(home_page, later, lambda: "nowa") == "zapisana wersja"
