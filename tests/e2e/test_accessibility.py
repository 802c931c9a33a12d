"""axe-core finds no WCAG 2.1 A/AA violation on the public page types, on a phone-sized screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import (
    AccessibilityStatementPageFactory,
    CentrePageFactory,
    ContentPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def content(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    news_index = NewsIndexPageFactory(parent=centre)
    news = NewsPageFactory(parent=news_index, title="Wizyta studyjna")
    news.tags.add("wizyta")
    news.save()
    about = ContentPageFactory(
        parent=page_tree,
        title="Nasze wartości",
        body=[
            ("heading", {"text": "Sprawczość", "level": "h2"}),
            ("paragraph", '<p>Tekst z <a href="/">odnośnikiem</a>.</p>'),
            ("quote", {"text": "Razem możemy więcej.", "author": "Mieszkanka"}),
        ],
    )
    statement = AccessibilityStatementPageFactory(parent=page_tree)
    return {
        "home": "/",
        "centre": centre.url,
        "content": about.url,
        "news-index": news_index.url,
        "news": news.url,
        "statement": statement.url,
        "search": "/szukaj/?q=wizyta",
        "not-found": "/nie-ma-takiej-strony/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
    }


PAGES = [
    "home",
    "centre",
    "content",
    "news-index",
    "news",
    "statement",
    "search",
    "not-found",
    "login",
    "signup",
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_aa_violations_on_a_phone(
    name, content, live_server, phone_context, screenshot
):
    page = phone_context.new_page()
    page.goto(live_server.url + content[name])
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_signup_form_errors_have_no_violations(content, live_server, phone_context, screenshot):
    page = phone_context.new_page()
    page.goto(live_server.url + content["signup"])
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    screenshot(page, "signup-errors")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.django_db(transaction=True)
def test_every_page_has_one_h1_and_no_skipped_heading_levels(content, live_server, phone_context):
    page = phone_context.new_page()
    for name in PAGES:
        page.goto(live_server.url + content[name])
        levels = page.eval_on_selector_all(
            "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
        )
        assert levels.count(1) == 1, f"{name}: {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name} skips a heading level: {levels}"


@pytest.mark.django_db(transaction=True)
def test_skip_link_is_the_first_focus_and_moves_to_main(content, live_server, phone_context):
    page = phone_context.new_page()
    page.goto(live_server.url + content["centre"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


# Consultations, proposals and the account pages ---------------------------------------------


@pytest.fixture
def no_tile_server(settings):
    """Axe checks our pages, not map tiles from the internet."""
    settings.MAP_TILE_URL = "/static/no-tiles/{z}/{x}/{y}.png"


@pytest.fixture
def participation(page_tree, no_tile_server):
    from django.utils import timezone

    from home.models import District
    from tests.factories_consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
        with_phases,
    )
    from tests.factories_proposals import (
        CommentFactory,
        ProposalFactory,
        StatusChangeFactory,
        SupportFactory,
        confirmed_user,
    )

    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    wolki = District.objects.create(centre=centre, name="Wólki")
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = with_phases(
        ConsultationPageFactory(parent=index, title="Park nad Kamienicą"),
        current="proposals",
        categories=["Zieleń", "Drogi"],
    )
    category = consultation.categories.first()
    proposal = ProposalFactory(
        consultation=consultation,
        title="Ławki przy stawie",
        category=category,
        district=wolki,
        latitude="49.625000",
        longitude="20.691000",
        comments_count=2,
    )
    StatusChangeFactory(proposal=proposal, created_at=timezone.now())
    comment = CommentFactory(proposal=proposal)
    CommentFactory(proposal=proposal, parent=comment, body="Zgadzam się.")
    ProposalFactory(consultation=consultation, title="Nowy chodnik", district=wolki)

    def sub(name, **kwargs):
        return consultation.url + consultation.reverse_subpage(name, kwargs=kwargs or None)

    user = confirmed_user()
    SupportFactory(proposal=proposal, user=user)  # so their own page lists something
    return {
        "user": user,
        "urls": {
            "consultation-index": index.url,
            "consultation": consultation.url,
            "proposal-list-filtered": sub("proposal_list")
            + f"?category={category.pk}&district={wolki.pk}&q=%C5%82awki",
            "proposal-map": sub("proposal_map"),
            "proposal-detail": sub("proposal_detail", pk=proposal.pk),
            "proposal-form": sub("proposal_create"),
            "account": "/konto/",
            "account-residence": "/konto/zamieszkanie/",
            "account-participation": "/konto/udzial/",
        },
    }


@pytest.fixture
def resident_context(browser, share_session, participation):
    """A phone-sized browser signed in as a confirmed resident (session cookie)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    share_session(context, participation["user"])
    yield context
    context.close()


def assert_no_violations(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


PARTICIPATION_PAGES = [
    "consultation-index",
    "consultation",
    "proposal-list-filtered",
    "proposal-map",
    "proposal-detail",
    "proposal-form",
    "account",
    "account-residence",
    "account-participation",
]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", PARTICIPATION_PAGES)
def test_participation_page_has_no_wcag_aa_violations_on_a_phone(
    name, participation, resident_context, live_server, screenshot
):
    page = resident_context.new_page()
    response = page.goto(live_server.url + participation["urls"][name])
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    screenshot(page, name)
    assert_no_violations(page)


@pytest.mark.django_db(transaction=True)
def test_a_resident_opening_the_admin_gets_an_accessible_explanation(
    participation, resident_context, live_server, screenshot
):
    page = resident_context.new_page()
    response = page.goto(live_server.url + "/admin/")
    assert response.status == 403
    assert "/konto/panel/" in page.url
    screenshot(page, "admin-no-access")
    assert_no_violations(page)


@pytest.mark.django_db(transaction=True)
def test_proposal_form_error_summary_has_no_violations(
    participation, resident_context, live_server, screenshot
):
    page = resident_context.new_page()
    page.goto(live_server.url + participation["urls"]["proposal-form"])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.locator(".error-summary, [role=alert]").first.is_visible()
    screenshot(page, "proposal-form-errors")
    assert_no_violations(page)


@pytest.mark.django_db(transaction=True)
def test_proposal_preview_step_has_no_violations(
    participation, resident_context, live_server, screenshot
):
    page = resident_context.new_page()
    page.goto(live_server.url + participation["urls"]["proposal-form"])
    page.fill("#id_title", "Ławki przy placu zabaw")
    page.fill("#id_body", "Postawmy dwie ławki z oparciem.")
    page.fill("#id_place", "Plac zabaw przy ul. Lwowskiej")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assert page.locator("button[value=publish]").is_visible()
    screenshot(page, "proposal-preview")
    assert_no_violations(page)


@pytest.mark.django_db(transaction=True)
def test_participation_pages_have_one_h1_and_no_skipped_heading_levels(
    participation, resident_context, live_server
):
    page = resident_context.new_page()
    for name in PARTICIPATION_PAGES:
        page.goto(live_server.url + participation["urls"][name])
        levels = page.eval_on_selector_all(
            "h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))"
        )
        assert levels.count(1) == 1, f"{name}: {levels}"
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{name} skips a heading level: {levels}"
