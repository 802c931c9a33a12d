"""The initiative group's own forms in a phone-sized browser: axe finds no WCAG 2.1 A/AA
violation on coordination (hand-over and roles), the update, action and end-of-initiative
forms and the petition's edit form, each shown empty and again with its errors."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from initiatives.models import InitiativeIndexPage
from initiatives.services import membership
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import running
from tests.initiatives.petition_helpers import draft

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
    membership.initiative_join(initiative=initiative, user=confirmed_user(), kind="member")
    return initiative


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def submit_empty(page, form_index=0):
    with page.expect_navigation():
        page.locator("main form").nth(form_index).locator("button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_coordination_page_has_no_wcag_aa_violations(
    sign_in, initiative, live_server, phone_context, screenshot
):
    page = phone_context.new_page()
    base = live_server.url
    sign_in(page, base, initiative.started_by.email)
    page.goto(base + initiative.index.sub_url("handover", pk=initiative.pk))
    check(page, screenshot, "initiative-coordination")
    submit_empty(page)
    check(page, screenshot, "initiative-coordination-errors")


@pytest.mark.parametrize(
    ("route", "name"),
    [
        ("update_create", "initiative-update-form"),
        ("action_create", "initiative-action-form"),
        ("end", "initiative-end-form"),
        ("petition_edit", "petition-edit-form"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_group_forms_have_no_wcag_aa_violations(
    sign_in, initiative, live_server, phone_context, screenshot, route, name
):
    if route == "petition_edit":
        draft(initiative, kind="petition", addressee="mayor")
    page = phone_context.new_page()
    base = live_server.url
    sign_in(page, base, initiative.started_by.email)
    page.goto(base + initiative.index.sub_url(route, pk=initiative.pk))
    check(page, screenshot, name)
    if route == "petition_edit":
        page.fill("main form [name=title]", "")
    submit_empty(page)
    check(page, screenshot, f"{name}-errors")
