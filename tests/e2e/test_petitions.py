"""Petition pages in a phone-sized browser: axe finds no WCAG 2.1 A/AA violation on the
art. 41a committee invitation (opened from the emailed link, before the draft exists, and
with its errors), the petition's page, the page that confirms publishing, the committee page
and the sheet-printing form."""

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from initiatives.models import InitiativeIndexPage, Membership
from initiatives.services import membership, notices, petitions
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import running
from tests.initiatives.petition_helpers import committee, draft

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
    return running(index, show_name=True)


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_committee_invitation_has_no_wcag_aa_violations(
    initiative, live_server, phone_context, screenshot
):
    person = confirmed_user()
    membership.initiative_join(initiative=initiative, user=person, kind="member")
    seat = petitions.committee_invite(
        initiative=initiative,
        coordinator=initiative.started_by,
        member=Membership.objects.get(initiative=initiative, user=person),
    )
    link = urlparse(notices.consent_url(seat))
    page = phone_context.new_page()
    page.goto(f"{live_server.url}{link.path}?{link.query}")
    check(page, screenshot, "committee-invitation")
    page.fill("input[name=full_name]", "")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    check(page, screenshot, "committee-invitation-errors")


@pytest.mark.django_db(transaction=True)
def test_petition_pages_have_no_wcag_aa_violations(
    sign_in, initiative, live_server, phone_context, screenshot
):
    committee(initiative, size=5, show_name=True)
    draft(initiative)
    page = phone_context.new_page()
    base = live_server.url
    sign_in(page, base, initiative.started_by.email)
    index = initiative.index
    page.goto(base + index.sub_url("petition", pk=initiative.pk))
    check(page, screenshot, "petition-draft")
    page.goto(base + index.sub_url("petition_publish", pk=initiative.pk))
    check(page, screenshot, "petition-publish-confirm")
    page.goto(base + index.sub_url("committee", pk=initiative.pk))
    check(page, screenshot, "petition-committee")
    page.goto(base + index.sub_url("petition_sheets", pk=initiative.pk))
    check(page, screenshot, "petition-sheets-form")
