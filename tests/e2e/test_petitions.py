"""A petition's page in a 320 px browser, with and without the site's scripts: axe finds no
WCAG 2.1 A/AA violation for a visitor, a supporter and the coordinator (with the committee
and sheets pages), and a resident supports the draft resolution without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.utils import timezone

from initiatives.models import InitiativeIndexPage, PetitionSupport
from initiatives.services import petitions
from tests.factories import CentrePageFactory
from tests.initiatives.helpers import organiser, resident
from tests.initiatives.petition_helpers import open_resolution, with_signatures

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def petition(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    petition = open_resolution(index, show_name=True)
    petitions.petition_support(petition=petition, user=resident(centre))
    petitions.sheets_print(petition=petition, user=petition.initiative.started_by, count=1)
    first, second = organiser(centre), organiser(centre)
    for staff in (first, second):
        petitions.sheet_count_enter(petition=petition, staff=staff, number=1, count=12)
    # One counted sheet shows the two-person count; the rest of the threshold is set directly.
    petition = with_signatures(petition, petition.signatures_required)
    return petitions.petition_file(petition=petition, staff=first, filed_on=timezone.localdate())


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_petition_pages_have_no_wcag_aa_violations(
    sign_in, petition, live_server, narrow_context, screenshot
):
    page = narrow_context.new_page()
    base = live_server.url
    initiative = petition.initiative
    url = initiative.index.sub_url("petition", pk=initiative.pk)
    page.goto(base + url)
    check(page, screenshot, "petition-visitor")
    page.goto(base + initiative.get_absolute_url())
    check(page, screenshot, "initiative-with-petition")
    sign_in(page, base, initiative.started_by.email)
    page.goto(base + url)
    check(page, screenshot, "petition-coordinator")


@pytest.mark.django_db(transaction=True)
def test_coordinator_pages_have_no_wcag_aa_violations(
    sign_in, page_tree, live_server, narrow_context, screenshot
):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    petition = open_resolution(index)
    initiative = petition.initiative
    page = narrow_context.new_page()
    base = live_server.url
    sign_in(page, base, initiative.started_by.email)
    for name in ("petition_sheets", "committee", "petition_edit"):
        page.goto(base + index.sub_url(name, pk=initiative.pk))
        check(page, screenshot, f"petition-{name}")


@pytest.mark.django_db(transaction=True)
def test_resident_supports_without_javascript(sign_in, petition, live_server, browser, screenshot):
    neighbour = resident(petition.centre)
    collecting = open_resolution(petition.initiative.index, title="Druga inicjatywa")
    initiative = collecting.initiative
    context = browser.new_context(
        viewport={"width": 320, "height": 740}, locale="pl-PL", java_script_enabled=False
    )
    try:
        page = context.new_page()
        base = live_server.url
        sign_in(page, base, neighbour.email)
        page.goto(base + initiative.index.sub_url("petition", pk=initiative.pk))
        with page.expect_navigation():
            page.get_by_role("button", name="Popieram publicznie").click()
        screenshot(page, "petition-supported-no-js")
    finally:
        context.close()
    support = PetitionSupport.objects.get(user=neighbour)
    assert support.petition_id == collecting.pk
    assert support.verified_resident


@pytest.mark.django_db(transaction=True)
def test_a_draft_filed_below_its_threshold_has_no_wcag_aa_violations(
    page_tree, live_server, narrow_context, screenshot
):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    petition = with_signatures(open_resolution(index), 30)
    petitions.petition_file(
        petition=petition,
        staff=organiser(centre),
        filed_on=timezone.localdate(),
        below_threshold_confirmed=True,
    )
    page = narrow_context.new_page()
    initiative = petition.initiative
    page.goto(live_server.url + index.sub_url("petition", pk=initiative.pk))
    assert page.get_by_text("poniżej progu z art. 41a").first.is_visible()
    check(page, screenshot, "petition-filed-below-threshold")
