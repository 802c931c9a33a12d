"""axe-core finds no WCAG 2.1 A/AA violation on the embed pages and the newsletter unsubscribe
page at 320 px, with and without JavaScript; the unsubscribe button works without it."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from outreach import services
from outreach.models import ConsultationFollow, Newsletter, OptOut
from tests.factories_events import activity
from tests.factories_proposals import (
    FollowFactory,
    ProposalFactory,
    confirmed_user,
    open_consultation,
)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def urls(page_tree):
    consultation = open_consultation(page_tree, title="Budżet obywatelski 2027")
    centre = consultation.centre
    proposal = ProposalFactory(consultation=consultation, title="Ławki w parku")
    reader = confirmed_user()
    FollowFactory(proposal=proposal, user=reader)
    activity(centre, title="Warsztaty", starts_at=timezone.now() + datetime.timedelta(days=2))
    newsletter = Newsletter.objects.create(
        centre=centre, consultation=consultation, subject="Głosowanie", body="<p>Tak.</p>"
    )
    return {
        "embed-consultation": f"/embed/konsultacja/{consultation.pk}/",
        "embed-proposal": f"/embed/propozycja/{proposal.pk}/",
        "embed-activities": f"/embed/wydarzenia/{centre.pk}/",
        "unsubscribe": services.unsubscribe_url(newsletter, reader).split("testserver", 1)[1],
        "unsubscribe-broken": "/newsletter/wypisz/zepsuty/",
    }


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def narrow_context(request, browser):
    """A 320 px phone; "no-js" refuses the pages' script files (axe itself still runs)."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="pl-PL")
    if not request.param:
        context.route(
            "**/*",
            lambda route: (
                route.abort() if route.request.resource_type == "script" else route.continue_()
            ),
        )
    yield context
    context.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name",
    [
        "embed-consultation",
        "embed-proposal",
        "embed-activities",
        "unsubscribe",
        "unsubscribe-broken",
    ],
)
def test_outreach_page_has_no_wcag_aa_violations(
    name, urls, live_server, narrow_context, screenshot
):
    page = narrow_context.new_page()
    page.goto(live_server.url + urls[name])
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_unsubscribe_button_works_without_javascript(urls, live_server, narrow_context):
    page = narrow_context.new_page()
    page.goto(live_server.url + urls["unsubscribe"])
    page.get_by_role("button", name="Wypisz mnie").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Wypisano Cię"
    assert OptOut.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_follow_consultation_button_works_without_javascript_and_passes_axe(
    page_tree, live_server, narrow_context, sign_in, screenshot
):
    consultation = open_consultation(page_tree, title="Budżet obywatelski 2027")
    reader = confirmed_user()
    page = narrow_context.new_page()
    sign_in(page, live_server.url, reader.email)
    page.goto(live_server.url + consultation.url)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    with page.expect_navigation():
        page.get_by_role("button", name="Obserwuj konsultację").click()
    screenshot(page, "consultation-followed")
    assert ConsultationFollow.objects.filter(user=reader).count() == 1
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    with page.expect_navigation():
        page.get_by_role("button", name="Przestań obserwować konsultację").click()
    assert ConsultationFollow.objects.filter(user=reader).count() == 0
