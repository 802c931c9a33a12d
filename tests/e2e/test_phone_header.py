"""On a 360×740 phone the first screen shows the page's heading; the menu and search fold.

Also: the home page says at once that a vote is open, and the ballot is two taps away.
"""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import CentrePageFactory, ContentPageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import ProposalFactory

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_pages(page_tree):
    """The demo's shape: six menu items, a centre, a vote and a long-titled proposal."""
    for title in ("O MAM", "Nasze wartości", "Jak wziąć udział", "Kontakt"):
        ContentPageFactory(parent=page_tree, title=title, show_in_menus=True)
    centre = CentrePageFactory(
        parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz", show_in_menus=True
    )
    index = ConsultationIndexPageFactory(parent=centre)
    budget = with_phases(
        ConsultationPageFactory(
            parent=index,
            title="Budżet na lato 2027",
            voting_method="budget",
            budget_amount=Decimal(200000),
        ),
        current="voting",
    )
    consultation = with_phases(
        ConsultationPageFactory(parent=index, title="Park nad Kamienicą"), current="proposals"
    )
    proposal = ProposalFactory(
        consultation=consultation,
        author=UserFactory(),
        title="Nowe ławki i kosze na śmieci przy alejce nad Kamienicą, obok placu zabaw",
    )
    ProposalFactory(
        consultation=budget, title="Plac zabaw", status="accepted", official_cost=Decimal(90000)
    )
    detail = consultation.url + consultation.reverse_subpage(
        "proposal_detail", kwargs={"pk": proposal.pk}
    )
    return {
        "home": "/",
        "centre": centre.url,
        "consultation": consultation.url,
        "budget": budget,
        "proposal": detail,
        "list": consultation.url + consultation.reverse_subpage("proposal_list"),
    }


def test_a_proposal_title_starts_on_the_first_screen(site_pages, live_server, phone_context):
    page = phone_context.new_page()
    page.goto(live_server.url + site_pages["proposal"])
    top = page.locator("h1").first.bounding_box()["y"]
    assert top < 300, f"the heading starts at {top}px"


def test_wide_screens_keep_the_search_form_and_the_menu_bar(site_pages, live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("#site-search").is_visible()
    assert page.locator(".primary-nav--wide .primary-nav__link").first.is_visible()
    assert not page.locator(".header-toggles").is_visible()
    context.close()


def test_the_menu_opens_by_keyboard(site_pages, live_server, phone_context):
    page = phone_context.new_page()
    page.goto(live_server.url + site_pages["proposal"])
    link = page.locator(".header-disclosure .primary-nav__link", has_text="Nasze wartości")
    assert not link.is_visible()
    for _ in range(15):  # Tab from the top of the page to the Menu button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Menu":
            break
    else:
        pytest.fail("the Menu button is not reachable by Tab")
    page.keyboard.press("Enter")
    assert link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('primary-nav__link')")


def test_menu_and_search_open_without_javascript(site_pages, live_server, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="pl-PL", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + site_pages["proposal"])
    page.locator("summary", has_text="Menu").click()
    assert page.locator(".header-disclosure .primary-nav__link", has_text="Kontakt").is_visible()
    page.locator("summary", has_text="Szukaj").click()
    assert page.locator("#site-search-narrow").is_visible()
    context.close()


def test_narrow_breadcrumbs_are_one_link_to_the_parent(site_pages, live_server, phone_context):
    page = phone_context.new_page()
    page.goto(live_server.url + site_pages["proposal"])
    visible = page.locator(".breadcrumbs__list li:visible")
    assert visible.count() == 1
    assert visible.first.locator("a").inner_text() == "Propozycje"


def test_home_page_shows_the_open_vote_on_the_first_screen_and_the_ballot_in_two_taps(
    site_pages, live_server, phone_context
):
    page = phone_context.new_page()
    page.goto(live_server.url + "/")
    button = page.locator(".open-now__item--vote a.button").first
    box = button.bounding_box()
    assert box["y"] + box["height"] <= 740, f"the vote button ends at {box['y'] + box['height']}"
    assert "Głosowanie trwa do" in page.locator(".open-now__item--vote").first.inner_text()
    button.click()  # the first tap: the ballot itself
    page.wait_for_load_state()
    assert page.url.endswith("/glosowanie/")
    assert page.locator("h1").inner_text() == "Karta do głosowania"


@pytest.mark.parametrize("name", ["home", "centre", "consultation", "list", "proposal"])
def test_changed_pages_have_no_wcag_aa_violations_on_a_phone(
    name, site_pages, live_server, phone_context, screenshot
):
    page = phone_context.new_page()
    page.goto(live_server.url + site_pages[name])
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    for summary in page.locator("summary").all():
        summary.click()
    results = Axe().run(page, context="header", options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_the_check_step_shows_the_proposal_and_publish_before_similar_ones_on_a_phone(
    site_pages, live_server, phone_context, screenshot, sign_in
):
    from tests.factories_proposals import confirmed_user

    user = confirmed_user(email="ola@example.org")
    user.set_password("a-long-test-password-1")
    user.save()
    consultation = ConsultationPageFactory._meta.model.objects.get(title="Park nad Kamienicą")
    for title in ("Ławki nad Kamienicą", "Parking przy szkole", "Drzewa przy Rynku"):
        ProposalFactory(consultation=consultation, title=title)
    page = phone_context.new_page()
    sign_in(page, live_server.url, "ola@example.org", "a-long-test-password-1")
    page.goto(live_server.url + site_pages["consultation"] + "propozycje/nowa/")
    page.fill("#id_title", "Nowe ławki nad Kamienicą przy placu")
    page.fill("#id_body", "Przy alejce nie ma gdzie usiąść. Proponuję trzy ławki z oparciem.")
    page.fill("#id_place", "Bulwary nad Kamienicą")
    with page.expect_navigation():
        page.locator("main form[enctype='multipart/form-data'] button[type=submit]").last.click()
    screenshot(page, "check-step")
    publish = page.locator("main button[value=publish]").bounding_box()
    similar = page.locator("#similar-title").bounding_box()
    assert publish["y"] < similar["y"]
    listed = page.locator(".proposal-similar").inner_text()
    assert "Ławki nad Kamienicą" in listed
    assert "Parking przy szkole" not in listed  # sharing "przy" alone is not similar
    assert "Drzewa przy Rynku" not in listed
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
