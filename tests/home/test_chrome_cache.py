"""The cached menu, breadcrumbs and footer (home/chrome.py) change as soon as what they
show changes, and cost no queries while nothing did."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import FooterSettings
from tests.factories import CentrePageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db


def _html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_newly_shown_in_menus_appears_in_the_cached_menu(client, home_page):
    page = ContentPageFactory(parent=home_page, title="Strona bez menu")
    assert "Strona bez menu</a>" not in _html(client, page.url)
    page.show_in_menus = True
    page.save_revision().publish()
    assert 'class="primary-nav__link"' in _html(client, page.url)
    assert "Strona bez menu</a>" in _html(client, home_page.url)


def test_an_unpublished_menu_page_leaves_the_cached_menu(client, home_page):
    ContentPageFactory(parent=home_page, title="Zajęcia", show_in_menus=True)
    assert "Zajęcia</a>" in _html(client, home_page.url)
    page = ContentPageFactory._meta.model.objects.get(title="Zajęcia")
    page.unpublish()
    assert "Zajęcia</a>" not in _html(client, home_page.url)


def test_a_renamed_ancestor_shows_its_new_title_in_the_cached_breadcrumbs(client, home_page):
    centre = CentrePageFactory(parent=home_page, title="Centrum Stare")
    page = ContentPageFactory(parent=centre)
    assert "Centrum Stare" in _html(client, page.url)
    centre.title = "Centrum Nowe"
    centre.save_revision().publish()
    html = _html(client, page.url)
    assert "Centrum Nowe" in html
    assert "Centrum Stare" not in html


def test_a_changed_footer_shows_at_once(client, home_page, site):
    settings = FooterSettings.for_site(site)
    settings.organisation_name = "Fundacja Pierwsza"
    settings.save()
    assert "Fundacja Pierwsza" in _html(client, home_page.url)
    settings.organisation_name = "Fundacja Druga"
    settings.save()
    html = _html(client, home_page.url)
    assert "Fundacja Druga" in html
    assert "Fundacja Pierwsza" not in html


def test_the_menu_marks_the_page_being_shown_even_when_cached(client, home_page):
    first = ContentPageFactory(parent=home_page, title="Pierwsza", show_in_menus=True)
    second = ContentPageFactory(parent=home_page, title="Druga", show_in_menus=True)
    _html(client, first.url)
    html = _html(client, second.url)
    assert f'href="{second.url}" aria-current="page"' in html
    assert f'href="{first.url}" aria-current' not in html


def test_the_chrome_costs_no_query_once_cached(client, home_page):
    page = ContentPageFactory(parent=home_page, show_in_menus=True)
    _html(client, page.url)
    _html(client, page.url)
    with CaptureQueriesContext(connection) as captured:
        _html(client, page.url)
    tables = " ".join(query["sql"] for query in captured)
    assert "home_footersettings" not in tables
    assert "wagtailcore_site" not in tables
    # The page itself is read from its own table joined to Wagtail's; the menu, breadcrumbs
    # and footer would read Wagtail's page table alone.
    assert not [q for q in captured if 'FROM "wagtailcore_page"' in q["sql"]]


def test_the_search_box_keeps_each_visitors_query_though_the_header_is_cached(client, home_page):
    _html(client, "/szukaj/")
    assert 'value="ławki"' in _html(client, "/szukaj/?q=ławki")
    html = _html(client, "/szukaj/?q=huśtawki")
    assert 'value="huśtawki"' in html
    assert 'value="ławki"' not in html


def test_the_cached_header_never_carries_a_signed_in_visitors_name(client, home_page):
    from django.test import Client

    from tests.factories import UserFactory

    page = ContentPageFactory(parent=home_page, show_in_menus=True)
    resident = Client()
    resident.force_login(UserFactory(display_name="Sąsiadka Zofia"))
    assert "Sąsiadka Zofia" in _html(resident, page.url)
    assert "Sąsiadka Zofia" not in _html(client, page.url)
