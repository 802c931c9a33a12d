"""A resident ranks proposals on a points ballot (3-2-1) in the browser, with JavaScript and
without it (one select per place works either way), and axe finds nothing on the ballot or its
error state."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from accounts.models import Verification
from consultations.models import ConsultationPage
from tests.e2e.test_voting import TIMEOUT, WCAG_AA, signed_in_context
from tests.factories_proposals import confirmed_user
from tests.factories_voting import voting_consultation
from voting.services import voting


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def points_vote(page_tree):
    consultation, proposals = voting_consultation(
        page_tree,
        max_choices=3,
        winners=1,
        points="3,2,1",
        tie_rule="lot",
        eligibility=ConsultationPage.Eligibility.VERIFIED,
    )
    for proposal, title in zip(
        proposals, ["Plac zabaw", "Ławki w parku", "Kosze na śmieci"], strict=True
    ):
        proposal.title = title
        proposal.save()
    return consultation, proposals


@pytest.fixture
def resident(points_vote):
    consultation, _ = points_vote
    user = confirmed_user()
    Verification.objects.create(
        user=user, centre=consultation.centre, method=Verification.Method.IN_PERSON
    )
    return user


def ranked(consultation, user):
    ballot = voting.own_ballot(user, consultation)
    return sorted((c.rank, c.proposal_id) for c in ballot.choices.all()) if ballot else None


def ballot_page(context, live_server, consultation):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(live_server.url + consultation.url + consultation.reverse_subpage("vote"))
    return page


def send(page):
    with page.expect_navigation():
        page.locator("main form.ballot__form button[type=submit]").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.django_db(transaction=True)
def test_resident_ranks_proposals_place_by_place(
    points_vote, resident, browser, live_server, share_session, javascript
):
    consultation, (playground, benches, bins) = points_vote
    context = signed_in_context(browser, share_session, resident, java_script_enabled=javascript)
    page = ballot_page(context, live_server, consultation)
    page.select_option("#place-1", str(bins.pk))
    page.select_option("#place-2", str(playground.pk))
    send(page)
    assert ranked(consultation, resident) == [(1, bins.pk), (2, playground.pk)]
    assert page.locator("#place-1").input_value() == str(bins.pk)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_points_ballot_and_its_error_have_no_wcag_aa_violations(
    points_vote, resident, browser, live_server, share_session, screenshot
):
    consultation, (playground, _benches, _bins) = points_vote
    context = signed_in_context(browser, share_session, resident)
    page = ballot_page(context, live_server, consultation)
    screenshot(page, "points-ballot")
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, result.generate_report()
    page.select_option("#place-1", str(playground.pk))
    page.select_option("#place-2", str(playground.pk))
    send(page)
    assert page.locator(".error-summary").is_visible()
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, result.generate_report()
    context.close()
