"""A verified resident votes in a participatory budget in the browser: with JavaScript (the
amount left updates live), without it (the server explains an over-budget ballot), by
keyboard alone, and axe finds nothing on the ballot or its error state."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache

from accounts.models import Verification
from consultations.models import ConsultationPage
from tests.factories_proposals import confirmed_user
from tests.factories_voting import Method, voting_consultation
from voting.services import voting

TIMEOUT = 15_000
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
NBSP = "\xa0"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def budget(page_tree):
    """Playground 120 000, benches 90 000, bins 50 000 zł; 200 000 zł to share."""
    consultation, proposals = voting_consultation(
        page_tree,
        method=Method.BUDGET,
        costs=[120000, 90000, 50000],
        budget=200000,
        eligibility=ConsultationPage.Eligibility.VERIFIED,
    )
    for proposal, title in zip(
        proposals, ["Plac zabaw", "Ławki w parku", "Kosze na śmieci"], strict=True
    ):
        proposal.title = title
        proposal.save()
    return consultation, proposals


@pytest.fixture
def resident(budget):
    consultation, _ = budget
    user = confirmed_user()
    Verification.objects.create(
        user=user, centre=consultation.centre, method=Verification.Method.IN_PERSON
    )
    return user


def signed_in_context(browser, share_session, user, **options):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL", **options)
    return share_session(context, user)


@pytest.fixture
def js_context(browser, share_session, resident):
    context = signed_in_context(browser, share_session, resident)
    yield context
    context.close()


@pytest.fixture
def no_js_context(browser, share_session, resident):
    context = signed_in_context(browser, share_session, resident, java_script_enabled=False)
    yield context
    context.close()


def ballot_page(context, live_server, consultation):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(live_server.url + consultation.url + consultation.reverse_subpage("vote"))
    return page


def chosen(consultation, user):
    ballot = voting.own_ballot(user, consultation)
    return sorted(c.proposal_id for c in ballot.choices.all()) if ballot else None


def remaining(page):
    return page.locator("#pool-town [data-remaining]").inner_text()


def send(page):
    with page.expect_navigation():
        page.locator("main form.ballot__form button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
def test_resident_votes_within_the_budget_and_changes_the_vote_with_javascript(
    budget, resident, js_context, live_server, screenshot
):
    consultation, (playground, benches, bins) = budget
    page = ballot_page(js_context, live_server, consultation)
    assert remaining(page) == f"200{NBSP}000,00 zł"
    assert page.locator("#pool-town [aria-live=polite]").count() == 1

    page.check(f"#proposal-{playground.pk}")
    page.wait_for_function(
        "document.querySelector('#pool-town [data-remaining]').textContent.startsWith('80')"
    )
    assert remaining(page) == f"80{NBSP}000,00 zł"
    page.check(f"#proposal-{benches.pk}")  # 210 000 zł: over the budget
    over = page.locator("#pool-town [data-over]")
    over.wait_for(state="visible")
    assert f"10{NBSP}000,00 zł" in over.inner_text()
    screenshot(page, "over-budget")

    url = page.url
    page.locator("main form.ballot__form button[type=submit]").click()
    assert page.evaluate("document.activeElement.hasAttribute('data-over')")
    assert page.url == url and chosen(consultation, resident) is None  # stopped before sending

    page.uncheck(f"#proposal-{benches.pk}")
    over.wait_for(state="hidden")
    page.check(f"#proposal-{bins.pk}")
    assert page.locator("[data-total]").inner_text() == f"170{NBSP}000,00 zł"
    send(page)
    assert page.locator(".message--success").is_visible()
    assert chosen(consultation, resident) == sorted([playground.pk, bins.pk])
    screenshot(page, "voted")

    assert page.is_checked(f"#proposal-{playground.pk}")
    page.uncheck(f"#proposal-{playground.pk}")
    page.check(f"#proposal-{benches.pk}")
    assert remaining(page) == f"60{NBSP}000,00 zł"
    send(page)
    assert chosen(consultation, resident) == sorted([benches.pk, bins.pk])


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_server_explains_an_over_budget_ballot(
    budget, resident, no_js_context, live_server, screenshot
):
    consultation, (playground, benches, bins) = budget
    page = ballot_page(no_js_context, live_server, consultation)
    page.check(f"#proposal-{playground.pk}")
    page.check(f"#proposal-{benches.pk}")
    send(page)
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.locator("a[href='#pool-town']").count() == 1
    assert page.locator("#pool-town [data-over]").is_visible()
    assert page.is_checked(f"#proposal-{benches.pk}")  # the choices are kept
    assert chosen(consultation, resident) is None
    screenshot(page, "over-budget-no-js")

    page.uncheck(f"#proposal-{benches.pk}")
    page.check(f"#proposal-{bins.pk}")
    send(page)
    assert page.locator(".message--success").is_visible()
    assert chosen(consultation, resident) == sorted([playground.pk, bins.pk])

    page.uncheck(f"#proposal-{bins.pk}")
    send(page)
    assert chosen(consultation, resident) == [playground.pk]


def assert_no_violations(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_budget_ballot_and_its_error_state_have_no_violations(
    budget, js_context, live_server, screenshot
):
    consultation, (playground, benches, _bins) = budget
    page = ballot_page(js_context, live_server, consultation)
    screenshot(page, "ballot")
    assert_no_violations(page)

    page.check(f"#proposal-{playground.pk}")
    page.check(f"#proposal-{benches.pk}")
    page.locator("#pool-town [data-over]").wait_for(state="visible")
    assert_no_violations(page)  # the live over-budget warning

    page.uncheck(f"#proposal-{playground.pk}")
    page.uncheck(f"#proposal-{benches.pk}")
    send(page)  # nothing chosen: the server's error summary
    assert page.locator(".error-summary").is_visible()
    screenshot(page, "ballot-errors")
    assert_no_violations(page)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("method", [Method.APPROVAL, Method.QUESTION])
def test_other_ballots_and_their_error_state_have_no_violations(
    method, page_tree, browser, live_server, share_session
):
    consultation, _ = voting_consultation(
        page_tree,
        method=method,
        proposals=0 if method == Method.QUESTION else 3,
        questions=["Czy zamknąć Rynek dla aut?"] if method == Method.QUESTION else (),
    )
    context = signed_in_context(browser, share_session, confirmed_user())
    try:
        page = ballot_page(context, live_server, consultation)
        assert_no_violations(page)
        send(page)
        assert page.locator(".error-summary").is_visible()
        assert_no_violations(page)
    finally:
        context.close()


def focus_by_tab(page, selector):
    target = page.locator(selector)
    for _press in range(80):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return target
    pytest.fail(f"Tab never reached {selector}")


def assert_focus_visible(element):
    style = element.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"
    )
    assert style["outline"] != "none" or style["shadow"] != "none", style
    assert style["outline"] == "none" or style["width"] != "0px", style


@pytest.mark.django_db(transaction=True)
def test_a_vote_by_keyboard_alone_with_visible_focus(
    budget, resident, js_context, live_server, screenshot
):
    consultation, (playground, _benches, _bins) = budget
    page = ballot_page(js_context, live_server, consultation)
    box = focus_by_tab(page, f"#proposal-{playground.pk}")
    assert_focus_visible(box)
    page.keyboard.press("Space")
    assert box.is_checked()
    assert remaining(page) == f"80{NBSP}000,00 zł"
    screenshot(page, "keyboard-ticked")

    button = focus_by_tab(page, "main form.ballot__form button[type=submit]")
    assert_focus_visible(button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert chosen(consultation, resident) == [playground.pk]
