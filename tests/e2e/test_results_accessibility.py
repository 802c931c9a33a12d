"""axe-core finds no WCAG 2.1 A/AA violation on a published results page, on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories_voting import Method, voting_consultation
from tests.voting.results_helpers import cast, publish, sub_url

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


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_chart_text_is_body_size_and_no_value_is_clipped(
    published_results, live_server, phone_context
):
    page = phone_context.new_page()
    page.goto(live_server.url + sub_url(published_results, "results"))
    texts = page.eval_on_selector_all(
        "svg.chart__svg",
        """svgs => svgs.flatMap(svg => {
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map(t => {
                const r = t.getBoundingClientRect();
                return {text: t.textContent,
                        size: parseFloat(getComputedStyle(t).fontSize) * scale,
                        inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5};
            });
        })""",
    )
    assert texts
    for item in texts:
        assert item["size"] >= 15.5, item  # body text is 16 px
        assert item["inside"], item  # "40 (83,3%)" keeps its bracket


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_wide_tables_scroll_visibly_in_a_labelled_focusable_region(
    published_results, live_server, phone_context
):
    page = phone_context.new_page()
    page.goto(live_server.url + sub_url(published_results, "results"))
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360  # the page never
    regions = page.eval_on_selector_all(
        ".results-table-wrap",
        """wraps => wraps.map(w => ({
            scrolls: w.scrollWidth > w.clientWidth,
            focusable: w.tabIndex === 0,
            label: w.getAttribute('aria-label') || '',
            hint: !!(w.previousElementSibling
                     && w.previousElementSibling.matches('.results-table-hint')
                     && w.previousElementSibling.offsetParent !== null),
        }))""",
    )
    assert regions
    for region in regions:
        if region["scrolls"]:
            assert region["focusable"] and region["label"] and region["hint"], region
