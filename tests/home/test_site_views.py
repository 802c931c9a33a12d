"""Search, the news feed, sitemap, robots.txt and the error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client, override_settings
from django.urls import path

from tests.factories import CentrePageFactory, NewsIndexPageFactory, NewsPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=CentrePageFactory(parent=home_page, slug="chrzanow"))


def test_search_finds_a_news_item(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Remont starego placu zabaw",
        lead="Mieszkańcy zebrali podpisy pod wnioskiem o remont.",
    )
    NewsPageFactory(parent=news_index, title="Nowe połączenie autobusowe")
    response = client.get("/szukaj/", {"q": "placu zabaw"})
    titles = [page.title for page in response.context["page_obj"]]
    assert response.status_code == 200
    assert "Remont starego placu zabaw" in titles
    assert "Nowe połączenie autobusowe" not in titles


def test_empty_search_shows_the_form_without_results(client, home_page):
    response = client.get("/szukaj/")
    assert response.status_code == 200
    assert response.context["page_obj"] is None


def test_search_escapes_the_query(client, home_page):
    response = client.get("/szukaj/", {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_news_feed_is_valid_atom_with_the_items(client, news_index):
    NewsPageFactory(parent=news_index, title="Dzień wolontariatu")
    response = client.get(news_index.url + "kanal/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Dzień wolontariatu"]


def test_sitemap_is_valid_xml_listing_live_pages(client, news_index):
    item = NewsPageFactory(parent=news_index, title="Otwarcie centrum")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text for loc in root.iter(f"{namespace}loc")]
    assert any(location.endswith(item.url) for location in locations)


def test_robots_txt_keeps_crawlers_out_of_admin_and_points_to_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_unknown_address_gets_the_404_page(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert "<main" in response.text


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", broken_view)]
handler500 = "home.views.server_error"


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_gets_the_self_contained_500_page(db):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert '<html lang="pl"' in response.text
