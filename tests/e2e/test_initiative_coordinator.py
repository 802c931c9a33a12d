"""axe-core finds no WCAG 2.1 A/AA violation on the organiser's screen that appoints a coordinator
(with members to choose from, sent without a choice, and with nobody to appoint), and on the
coordination page as a contact person sees it (who signed up for the needs) with and without
JavaScript on a 320 px screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.urls import reverse

from accounts.services import privacy
from initiatives.models import InitiativeIndexPage
from initiatives.services import membership, needs
from tests.e2e.test_admin_activities_rooms_accessibility import SETTLED_MESSAGES
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import organiser, running

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def groups(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    orphaned, empty = running(index, title="Zielone podwórko"), running(index, title="Ławki")
    privacy.user_delete(user=orphaned.started_by)
    privacy.user_delete(user=empty.started_by)
    membership.initiative_join(
        initiative=orphaned, user=confirmed_user(display_name="Ola"), kind="member"
    )
    return {"centre": centre, "orphaned": orphaned, "empty": empty}


def check(page, screenshot, name):
    page.wait_for_function(SETTLED_MESSAGES)
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["appoint", "appoint-errors", "nobody"])
def test_the_appointment_screen_has_no_wcag_aa_violations(
    name, groups, browser, share_session, live_server, screenshot
):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    share_session(context, organiser(groups["centre"]))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    initiative = groups["empty" if name == "nobody" else "orphaned"]
    response = page.goto(
        live_server.url + reverse("mam_initiatives:coordinator", args=[initiative.pk])
    )
    assert response.status == 200
    if name == "appoint-errors":
        page.locator("main form [type=submit]").last.click()
        page.wait_for_selector(".w-field--error")
    check(page, screenshot, name)
    page.close()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_contact_persons_view_of_the_sign_ups_has_no_wcag_aa_violations(
    page_tree, narrow_context, share_session, live_server, screenshot
):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = InitiativeIndexPage(title="Inicjatywy mieszkańców", slug="inicjatywy")
    centre.add_child(instance=index)
    initiative = running(index)
    contact = confirmed_user(display_name="Kasia")
    joined = membership.initiative_join(initiative=initiative, user=contact, kind="member")
    membership.role_set(
        initiative=initiative, coordinator=initiative.started_by, member=joined, role="contact"
    )
    need = needs.need_post(
        initiative=initiative, user=initiative.started_by, title="Ulotki w sobotę", wanted=5
    )
    needs.need_sign_up(need=need, user=confirmed_user(display_name="Ola"), note="Mam rower")
    share_session(narrow_context, contact)
    page = narrow_context.new_page()
    page.set_default_timeout(TIMEOUT)
    response = page.goto(live_server.url + index.sub_url("handover", pk=initiative.pk))
    assert response.status == 200
    assert "Ola: Mam rower" in page.content()
    screenshot(page, "contact-sign-ups")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    page.close()
