"""axe-core finds no WCAG 2.1 A/AA violation on a published results page, on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.consultations.results_helpers import cast, publish, sub_url
from tests.factories_voting import Method, voting_consultation

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def published_results(page_tree):
    """A budget vote (the fullest page: pools, money, funded and skipped proposals)."""
    from wagtail.models import Collection

    # A live-server test flushes the root collection that migrations made; roles need it.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    consultation, (a, b, c) = voting_consultation(
        page_tree, method=Method.BUDGET, costs=[600, 500, 300], budget=1000
    )
    cast(consultation, [a], [a], [a, c], [b], [b, c])
    publish(consultation)
    return consultation


@pytest.mark.django_db(transaction=True)
def test_published_results_page_has_no_wcag_aa_violations_on_a_phone(
    published_results, live_server, phone_context, screenshot
):
    page = phone_context.new_page()
    response = page.goto(live_server.url + sub_url(published_results, "results"))
    assert response.status == 200
    screenshot(page, "results")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_published_results_page_has_one_h1_and_no_skipped_heading_levels(
    published_results, live_server, phone_context
):
    page = phone_context.new_page()
    page.goto(live_server.url + sub_url(published_results, "results"))
    levels = page.eval_on_selector_all(
        "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
    )
    assert levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"skipped a heading level: {levels}"
