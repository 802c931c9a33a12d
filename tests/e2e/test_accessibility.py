"""axe-core finds no WCAG 2.1 A/AA violation on the public page types, on a phone-sized screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import (
    AccessibilityStatementPageFactory,
    CentrePageFactory,
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def content(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    news_index = NewsIndexPageFactory(parent=centre)
    news = NewsPageFactory(parent=news_index, title="Wizyta studyjna")
    news.tags.add("wizyta")
    news.save()
    about = ContentPageFactory(
        parent=page_tree,
        title="Nasze wartości",
        body=[
            ("heading", {"text": "Sprawczość", "level": "h2"}),
            ("paragraph", '<p>Tekst z <a href="/">odnośnikiem</a>.</p>'),
            ("quote", {"text": "Razem możemy więcej.", "author": "Mieszkanka"}),
        ],
    )
    statement = AccessibilityStatementPageFactory(parent=page_tree)
    return {
        "home": "/",
        "centre": centre.url,
        "content": about.url,
        "news-index": news_index.url,
        "news": news.url,
        "statement": statement.url,
        "search": "/szukaj/?q=wizyta",
        "not-found": "/nie-ma-takiej-strony/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
    }


PAGES = [
    "home",
    "centre",
    "content",
    "news-index",
    "news",
    "statement",
    "search",
    "not-found",
    "login",
    "signup",
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_aa_violations_on_a_phone(
    name, content, live_server, phone_context, screenshot
):
    page = phone_context.new_page()
    page.goto(live_server.url + content[name])
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_signup_form_errors_have_no_violations(content, live_server, phone_context, screenshot):
    page = phone_context.new_page()
    page.goto(live_server.url + content["signup"])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    screenshot(page, "signup-errors")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_every_page_has_one_h1_and_no_skipped_heading_levels(content, live_server, phone_context):
    page = phone_context.new_page()
    for name in PAGES:
        page.goto(live_server.url + content[name])
        levels = page.eval_on_selector_all(
            "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
        )
        assert levels.count(1) == 1, f"{name}: {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name} skips a heading level: {levels}"


@pytest.mark.django_db(transaction=True)
def test_skip_link_is_the_first_focus_and_moves_to_main(content, live_server, phone_context):
    page = phone_context.new_page()
    page.goto(live_server.url + content["centre"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
