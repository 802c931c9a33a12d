"""Initiatives in a phone-sized browser: axe finds no WCAG 2.1 A/AA violation on the list,
an initiative's page (as a visitor and as its coordinator), the coordination page, the start
form with its errors and the need form; a neighbour joins and signs up for a need with a note on
a 320 px screen without JavaScript (the pages are server-rendered: the same HTML axe checked)."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from initiatives.models import InitiativeIndexPage, Membership, NeedSignUp
from initiatives.services import actions, needs, updates
from tests.factories import CentrePageFactory
from tests.initiatives.helpers import resident, running

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def initiative(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    initiative = running(index, show_name=True)
    needs.need_post(
        initiative=initiative, user=initiative.started_by, title="Ulotki w sobotę", wanted=5
    )
    updates.update_post(initiative=initiative, user=initiative.started_by, body="Pierwszy wpis.")
    actions.action_record(
        initiative=initiative,
        user=initiative.started_by,
        kind="letter",
        title="Pismo do prezydenta",
        date=datetime.date(2026, 11, 20),
        result="Czekamy.",
    )
    return initiative


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_initiative_pages_have_no_wcag_aa_violations(
    sign_in, initiative, live_server, phone_context, screenshot
):
    page = phone_context.new_page()
    base = live_server.url
    page.goto(base + initiative.index.url)
    check(page, screenshot, "initiatives-list")
    page.goto(base + initiative.get_absolute_url())
    check(page, screenshot, "initiative-visitor")
    sign_in(page, base, initiative.started_by.email)
    page.goto(base + initiative.get_absolute_url())
    check(page, screenshot, "initiative-coordinator")
    page.goto(base + initiative.index.sub_url("handover", pk=initiative.pk))
    check(page, screenshot, "initiative-coordination")
    page.goto(base + initiative.index.url + "nowa/")
    check(page, screenshot, "initiative-start")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    check(page, screenshot, "initiative-start-errors")
    page.goto(base + initiative.index.sub_url("need_create", pk=initiative.pk))
    check(page, screenshot, "need-form")


@pytest.mark.django_db(transaction=True)
def test_neighbour_joins_and_signs_up_without_javascript(
    sign_in, initiative, live_server, browser, screenshot
):
    neighbour = resident(initiative.centre)
    context = browser.new_context(
        viewport={"width": 320, "height": 740}, locale="pl-PL", java_script_enabled=False
    )
    try:
        page = context.new_page()
        base = live_server.url
        sign_in(page, base, neighbour.email)
        page.goto(base + initiative.get_absolute_url())
        page.check("input[name=kind][value=member]")
        with page.expect_navigation():
            page.get_by_role("button", name="Włącz się").click()
        note = "Wiadomość dla grupy (nieobowiązkowo): Ulotki w sobotę"
        page.get_by_label(note).fill("Przyniosę drabinę")
        with page.expect_navigation():
            page.get_by_role("button", name="Zapisz się: Ulotki w sobotę").click()
        screenshot(page, "initiative-member")  # axe needs scripts: the pages are checked above
    finally:
        context.close()
    assert Membership.objects.get(user=neighbour).kind == Membership.Kind.MEMBER
    assert NeedSignUp.objects.get().user == neighbour
    assert NeedSignUp.objects.get().note == "Przyniosę drabinę"


@pytest.mark.django_db(transaction=True)
def test_the_header_fits_a_320_px_phone_on_the_initiatives_list(initiative, live_server, browser):
    """The brand and the Search and Menu toggles stayed on one line 30 px wider than the screen."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="pl-PL")
    page = context.new_page()
    page.goto(live_server.url + initiative.index.url)
    width = page.evaluate("document.documentElement.scrollWidth")
    toggles = page.locator(".header-toggles").bounding_box()
    context.close()
    assert width <= 320
    assert toggles["x"] + toggles["width"] <= 320
