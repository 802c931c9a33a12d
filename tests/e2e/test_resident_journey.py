"""A resident's whole way in the browser: sign up, confirm, sign in, propose, comment, support,
offer help, vote in the civic budget — with JavaScript, without it, and the support button by
keyboard alone."""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from PIL import Image

from proposals.models import Comment, Pledge, Proposal, Support
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory
from voting.services import voting

PASSWORD = "zielony-park-nad-Dunajcem"
TITLE = "Ławki przy stawie w parku"
TIMEOUT = 15_000


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def consultation(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(
        ConsultationPageFactory(parent=index, title="Park nad Kamienicą"),
        current="proposals",
        categories=["Zieleń"],
    )


@pytest.fixture
def civic_budget(consultation):
    """A participatory budget of the same centre whose voting runs now: 200 000 zł to share."""
    budget = with_phases(
        ConsultationPageFactory(
            parent=consultation.get_parent(),
            title="Budżet obywatelski 2027",
            voting_method="budget",
            budget_amount=Decimal(200000),
        ),
        current="voting",
    )
    proposals = [
        ProposalFactory(
            consultation=budget, title=title, status="accepted", official_cost=Decimal(cost)
        )
        for title, cost in [("Plac zabaw", 120000), ("Ławki", 90000), ("Kosze", 50000)]
    ]
    return budget, proposals


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "staw.jpg"
    Image.new("RGB", (320, 240), (40, 120, 60)).save(path, "JPEG")
    return path


def sub(consultation, name, **kwargs):
    return consultation.url + consultation.reverse_subpage(name, kwargs=kwargs or None)


def submit(page, form):
    """Press the form's last submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator(f"main {form} button[type=submit]").last.click()


def sign_up_and_confirm(page, base):
    page.goto(base + "/accounts/signup/")
    page.fill("#id_email", "ola@example.org")
    page.fill("#id_display_name", "Ola z Rynku")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_accept_terms")
    submit(page, "form:has(#id_email)")
    assert "/accounts/confirm-email/" in page.url  # "we sent you an email"

    assert [m.to for m in mail.outbox] == [["ola@example.org"]]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[0].body)
    page.goto(base + link.group(1))
    submit(page, "form[method=post]")
    assert EmailAddress.objects.get(email="ola@example.org").verified


def submit_proposal(page, base, consultation, photo, screenshot):
    page.goto(base + consultation.url)
    with page.expect_navigation():
        page.locator("main a[href$='propozycje/nowa/']").first.click()
    page.fill("#id_title", TITLE)
    page.fill("#id_body", "Przy stawie nie ma gdzie usiąść. Proponuję trzy ławki z oparciem.")
    page.select_option("#id_category", label="Zieleń")
    page.fill("#id_place", "Park Strzelecki, przy stawie")
    page.set_input_files("#id_photo_1", str(photo))
    page.fill("#id_alt_1", "Staw w parku, brzeg bez ławek")
    screenshot(page, "form")
    submit(page, "form[enctype='multipart/form-data']")
    assert page.locator("main").get_by_text(TITLE).count() >= 1  # "check your answers"
    screenshot(page, "preview")
    with page.expect_navigation():
        page.click("main button[name=action][value=publish]")
    proposal = Proposal.objects.get(title=TITLE)
    assert proposal.photos.count() == 1
    assert proposal.category.name == "Zieleń"
    return proposal


def take_part(page, base, consultation, proposal, screenshot):
    page.goto(base + sub(consultation, "proposal_list"))
    assert page.locator("main").get_by_text(TITLE).count() >= 1
    screenshot(page, "list")

    page.goto(base + sub(consultation, "proposal_detail", pk=proposal.pk))
    page.fill("#comment-body", "Dobry pomysł, ławki przydadzą się seniorom.")
    submit(page, "form:has(#comment-body)")
    assert Comment.objects.filter(proposal=proposal).count() == 1
    page.locator("main").get_by_text("ławki przydadzą się seniorom").wait_for(timeout=TIMEOUT)

    support = page.locator("#engagement form:has(input[name=action][value=add]) button").first
    support.click()
    page.locator("#engagement .engagement__count strong", has_text="1").wait_for(timeout=TIMEOUT)
    assert Support.objects.filter(proposal=proposal).count() == 1

    page.fill("#pledge-note", "Mogę pomóc przy montażu.")
    page.locator("#engagement form.engagement__form--pledge button[type=submit]").click()
    page.locator("#engagement form:has(input[name=action][value=remove]) .link-button").wait_for(
        timeout=TIMEOUT
    )
    assert Pledge.objects.get(proposal=proposal).note == "Mogę pomóc przy montażu."
    screenshot(page, "detail")


def vote_in_the_civic_budget(page, base, civic_budget, screenshot):
    budget, (playground, benches, bins) = civic_budget
    page.goto(base + budget.url)
    with page.expect_navigation():
        page.locator("main a[href$='glosowanie/']").first.click()
    page.check(f"#proposal-{playground.pk}")
    page.check(f"#proposal-{bins.pk}")  # 170 000 of 200 000 zł
    screenshot(page, "ballot")
    with page.expect_navigation():
        page.locator("main form.ballot__form button[type=submit]").click()
    assert page.locator(".message--success").is_visible()
    voter = get_user_model().objects.get(email="ola@example.org")
    ballot = voting.own_ballot(voter, budget)
    assert sorted(c.proposal_id for c in ballot.choices.all()) == sorted([playground.pk, bins.pk])


def journey(context, live_server, consultation, photo, screenshot, civic_budget):
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    base = live_server.url
    sign_up_and_confirm(page, base)
    # Confirming in the same browser signs the new resident in: the sign-in page sends them on.
    page.goto(base + "/accounts/login/")
    assert "/accounts/login/" not in page.url
    proposal = submit_proposal(page, base, consultation, photo, screenshot)
    take_part(page, base, consultation, proposal, screenshot)
    vote_in_the_civic_budget(page, base, civic_budget, screenshot)
    proposal.refresh_from_db()
    assert proposal.supports_count == 1
    assert proposal.author.email == "ola@example.org"


@pytest.mark.django_db(transaction=True)
def test_resident_signs_up_proposes_comments_supports_helps_and_votes(
    live_server, consultation, photo, phone_context, screenshot, civic_budget
):
    journey(phone_context, live_server, consultation, photo, screenshot, civic_budget)


@pytest.mark.django_db(transaction=True)
def test_the_same_journey_works_without_javascript(
    live_server, consultation, photo, browser, screenshot, civic_budget
):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="pl-PL", java_script_enabled=False
    )
    try:
        journey(context, live_server, consultation, photo, screenshot, civic_budget)
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_support_button_works_by_keyboard_with_visible_focus(
    live_server, consultation, phone_context, screenshot, sign_in
):
    user = UserFactory(email="jan@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    proposal = ProposalFactory(consultation=consultation, title=TITLE)
    page = phone_context.new_page()
    page.set_default_timeout(TIMEOUT)
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(live_server.url + sub(consultation, "proposal_detail", pk=proposal.pk))

    button = page.locator("#engagement form:has(input[name=action][value=add]) button").first
    for _press in range(80):
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the support button")
    style = button.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow}; }"
    )
    assert style["outline"] != "none" or style["shadow"] != "none", style
    assert style["outline"] == "none" or style["width"] != "0px", style
    screenshot(page, "support-focused")

    page.keyboard.press("Enter")
    page.locator("#engagement .engagement__count strong", has_text="1").wait_for(timeout=TIMEOUT)
    assert Support.objects.filter(proposal=proposal, user=user).exists()
    screenshot(page, "supported")


@pytest.mark.django_db(transaction=True)
def test_with_javascript_support_updates_in_place_and_keeps_focus(
    live_server, consultation, phone_context, sign_in
):
    user = UserFactory(email="ewa@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    proposal = ProposalFactory(consultation=consultation, title=TITLE)
    page = phone_context.new_page()
    page.set_default_timeout(TIMEOUT)
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.goto(live_server.url + sub(consultation, "proposal_detail", pk=proposal.pk))
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSamePage = true; }")

    page.locator("#support-button").focus()
    page.keyboard.press("Enter")
    page.locator("#support-button[aria-pressed=true]").wait_for(timeout=TIMEOUT)

    assert page.evaluate("() => window.stillTheSamePage === true"), "the page was reloaded"
    assert page.evaluate("() => document.activeElement.id") == "support-button"
    assert page.locator("#engagement").count() == 1
    assert Support.objects.filter(proposal=proposal, user=user).exists()
