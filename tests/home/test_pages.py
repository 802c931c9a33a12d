"""Each page type lives where it belongs in the tree and renders for a visitor."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import (
    AccessibilityStatementPage,
    CentrePage,
    ContentPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
)
from tests.factories import (
    AccessibilityStatementPageFactory,
    CentrePageFactory,
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_centres_live_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CentrePage, {HomePage})

    def test_news_lives_under_a_centres_news_index(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {CentrePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_content_pages_nest_under_home_centre_and_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, CentrePage, ContentPage})

    def test_accessibility_statement_under_home_or_centre(self):
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage, CentrePage})


class PageCreationInAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()  # a superuser, as in Wagtail's own helpers
        self.home = HomePage.objects.get()

    def test_editor_creates_a_centre_through_the_admin_form(self):
        self.assertCanCreate(
            self.home,
            CentrePage,
            nested_form_data(
                {
                    "title": "MAM Chrzanów",
                    "slug": "chrzanow",
                    "town": "Chrzanów",
                    "address": "ul. Przykładowa 2, 32-500 Chrzanów",
                    "body": streamfield([]),
                    "districts": inline_formset([{"name": "Kątek"}]),
                }
            ),
        )

    def test_editor_creates_a_news_item_through_the_admin_form(self):
        index = NewsIndexPageFactory(parent=CentrePageFactory(parent=self.home))
        self.assertCanCreate(
            index,
            NewsPage,
            nested_form_data(
                {
                    "title": "Wizyta studyjna na Słowacji",
                    "slug": "wizyta-studyjna",
                    "date": "2019-01-14",
                    "lead": "Odwiedziliśmy centra w Bańskiej Bystrzycy i Zwoleniu.",
                    "body": streamfield([]),
                    "tags": "wizyta, słowacja",
                }
            ),
        )


@pytest.fixture
def centre(home_page):
    return CentrePageFactory(parent=home_page, slug="nowy-sacz")


@pytest.fixture
def news_index(centre):
    return NewsIndexPageFactory(parent=centre)


def test_home_page_renders_and_lists_its_centres(client, centre):
    response = client.get("/")
    assert response.status_code == 200
    assert centre.title in response.text


def test_home_page_declares_polish_language(client, home_page):
    response = client.get("/")
    assert '<html lang="pl"' in response.text


def test_home_page_title_is_its_own_without_the_site_name_repeated(client, home_page):
    response = client.get("/")
    assert f"<title>{home_page.title}</title>" in response.text


def test_centre_page_title_ends_with_the_site_name(client, centre):
    response = client.get(centre.url)
    assert f"<title>{centre.title} – MAM</title>" in response.text


def test_centre_page_shows_address_hours_and_map_link(client, centre):
    response = client.get(centre.url)
    assert response.status_code == 200
    assert "ul. Przykładowa 1" in response.text
    assert "Sobota: 10:00–14:00" in response.text
    assert "openstreetmap.org/?mlat=49.625000&amp;mlon=20.691000" in response.text


def test_centre_page_shows_its_latest_news(client, news_index):
    NewsPageFactory(parent=news_index, title="Spotkanie o koszach na śmieci")
    response = client.get(news_index.get_parent().url)
    assert "Spotkanie o koszach na śmieci" in response.text


def test_content_page_renders_its_blocks(client, home_page):
    page = ContentPageFactory(
        parent=home_page,
        title="Nasze wartości",
        body=[
            ("heading", {"text": "Sprawczość", "level": "h2"}),
            ("paragraph", "<p>Mieszkańcy widzą efekty swoich działań.</p>"),
            ("quote", {"text": "Razem możemy więcej.", "author": "Mieszkanka"}),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "<h2" in response.text and "Sprawczość" in response.text
    assert "Razem możemy więcej." in response.text


def test_news_page_renders_date_in_polish(client, news_index):
    import datetime

    item = NewsPageFactory(parent=news_index, date=datetime.date(2019, 1, 14))
    response = client.get(item.url)
    assert response.status_code == 200
    assert "14 stycznia 2019" in response.text


def test_news_index_paginates(client, news_index):
    for _ in range(12):
        NewsPageFactory(parent=news_index)
    first = client.get(news_index.url)
    second = client.get(news_index.url, {"page": 2})
    assert first.status_code == second.status_code == 200
    assert len(first.context["page_obj"].object_list) == 10
    assert len(second.context["page_obj"].object_list) == 2


def test_news_index_filters_by_tag(client, news_index):
    tagged = NewsPageFactory(parent=news_index, title="O placu zabaw")
    tagged.tags.add("plac-zabaw")
    tagged.save()
    NewsPageFactory(parent=news_index, title="O autobusach")
    response = client.get(news_index.url, {"tag": "plac-zabaw"})
    assert [p.title for p in response.context["page_obj"]] == ["O placu zabaw"]


def test_news_index_with_nonsense_page_number_shows_last_page(client, news_index):
    NewsPageFactory(parent=news_index)
    response = client.get(news_index.url, {"page": "abc"})
    assert response.status_code == 200


def test_accessibility_statement_has_the_required_sections(client, home_page):
    page = AccessibilityStatementPageFactory(parent=home_page)
    response = client.get(page.url)
    text = response.text
    assert response.status_code == 200
    for expected in ["Stowarzyszenie MAM", "Anna Kowalska", "dostepnosc@mam.example.org"]:
        assert expected in text
    assert "Rzecznik" in text  # the route to the Ombudsman
    assert "7" in text  # the answer time


def test_footer_links_the_accessibility_statement_on_every_page(client, home_page, centre):
    statement = AccessibilityStatementPageFactory(parent=home_page)
    for url in ["/", centre.url, "/szukaj/"]:
        assert f'href="{statement.url}"' in client.get(url).text
