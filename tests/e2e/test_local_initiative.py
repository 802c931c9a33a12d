"""The local initiative application's pages in a phone-sized browser, with and without the
site's JavaScript: axe finds no WCAG 2.1 A/AA violation on the public page (as a visitor and
as the coordinator), the start form, the sections form and the form with its error summary;
the form saves without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from initiatives.models import InitiativeIndexPage, LocalInitiativeApplication
from tests.factories import CentrePageFactory
from tests.initiatives.helpers import running
from tests.initiatives.local_helpers import criteria, draft, ready

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def applications(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    initiative = running(index, show_name=True)
    criteria(centre)
    done = ready(initiative)
    other = running(index, user=initiative.started_by, title="Ławki przy szkole")
    return initiative, done, draft(other)


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_local_initiative_pages_have_no_wcag_aa_violations(
    sign_in, applications, live_server, narrow_context, screenshot
):
    initiative, done, working = applications
    page = narrow_context.new_page()
    base = live_server.url
    page.goto(base + done.get_absolute_url())
    check(page, screenshot, "local-visitor")
    sign_in(page, base, initiative.started_by.email)
    page.goto(base + done.get_absolute_url())
    check(page, screenshot, "local-coordinator")
    page.goto(base + initiative.index.sub_url("local_create") + f"?inicjatywa={initiative.pk}")
    check(page, screenshot, "local-start")
    page.goto(base + working.index.sub_url("local_edit", pk=working.pk))
    check(page, screenshot, "local-form")
    page.fill("#id_costs-0-amount", "abc")
    with page.expect_navigation():
        page.locator("main form button[name=save]").click()
    assert page.locator(".error-summary").count() == 1
    check(page, screenshot, "local-form-errors")
    page.fill("#id_costs-0-amount", "3300")
    with page.expect_navigation():
        page.locator("main form button[name=save]").click()
    assert LocalInitiativeApplication.objects.get(pk=working.pk).cost_lines.first().amount == 3300


@pytest.mark.django_db(transaction=True)
def test_the_application_page_fits_a_320_px_phone(applications, live_server, narrow_context):
    """Its four-column contribution table made the page 475 px wide: it scrolls in its region."""
    _initiative, done, _working = applications
    page = narrow_context.new_page()
    page.goto(live_server.url + done.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator(".table-scroll[role=region][tabindex='0']").count() >= 2
