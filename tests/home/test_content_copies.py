"""The home, centre and news pages' anonymous copies show a change at once (issue #17).

Each test makes a copy, changes what the page shows, and proves the next anonymous visitor
gets the new content (home/page_cache.py keys copies by the versions of what they show).
"""

import datetime

import pytest
from django.utils import timezone

from tests.factories import CentrePageFactory
from tests.factories_events import activity

pytestmark = pytest.mark.django_db


def cached(client, url):
    assert client.get(url)["X-Page-Cache"] == "miss"
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, title="Centrum Nowy Sącz")


def test_a_news_item_published_shows_on_the_home_centre_and_news_pages_at_once(
    client, home_page, centre
):
    from home.models import NewsIndexPage, NewsPage

    news = centre.add_child(instance=NewsIndexPage(title="Aktualności", slug="aktualnosci"))
    for url in (home_page.url, centre.url, news.url):
        cached(client, url)
    news.add_child(
        instance=NewsPage(title="Nowa świetlica otwarta", date=timezone.localdate(), lead="Tak.")
    )
    for url in (home_page.url, centre.url, news.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Nowa świetlica otwarta" in response.content.decode()


def test_a_new_activity_shows_on_the_home_and_centre_pages_at_once(client, home_page, centre):
    starts = timezone.now() + datetime.timedelta(hours=3)
    activity(centre, title="Warsztaty ceramiki", starts_at=starts)
    cached(client, home_page.url)
    cached(client, centre.url)
    activity(centre, title="Klub szachowy", starts_at=starts + datetime.timedelta(hours=1))
    for url in (home_page.url, centre.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Klub szachowy" in response.content.decode()


@pytest.mark.parametrize("which", ["home", "centre"])
def test_a_copy_lapses_when_an_activity_it_shows_starts(
    client, home_page, centre, monkeypatch, which
):
    # Two minutes from now is well within the copies' MAX_AGE (5 minutes): only the start
    # of the activity shown makes the copy lapse.
    now = timezone.now()
    activity(centre, title="Warsztaty ceramiki", starts_at=now + datetime.timedelta(seconds=60))
    url = home_page.url if which == "home" else centre.url
    cached(client, url)
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(seconds=120))
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_a_copy_without_activities_keeps_its_usual_lifetime(client, home_page, monkeypatch):
    now = timezone.now()
    cached(client, home_page.url)
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(seconds=120))
    assert client.get(home_page.url)["X-Page-Cache"] == "hit"
