"""axe-core finds no WCAG 2.1 A/AA violation on the partners pages at 320 px, with and
without JavaScript: the directory, a partner's page and the organisation's edit form (also
with errors)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_events_accessibility import WCAG_AA
from tests.e2e.test_rooms_accessibility import WIDE
from tests.factories import CentrePageFactory
from tests.factories_partners import PartnerFactory, index_of
from tests.factories_rooms import organisation


@pytest.fixture
def urls(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    partner = PartnerFactory(
        centre=centre,
        name="Stowarzyszenie Pomocy Prawnej „Paragraf”",
        website="https://paragraf.example.org",
        email_public=True,
        phone_public=True,
    )
    PartnerFactory(centre=centre, name="Kawiarenka Naprawcza", kind="group")
    user = organisation(email="paragraf@example.org")
    partner.accounts.add(user)
    index = index_of(centre)
    return {
        "list": index.url,
        "partner": f"{index.url}{partner.pk}/",
        "form": f"{index.url}{partner.pk}/edytuj/",
        "user": user,
    }


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def narrow_context(request, browser):
    """A 320 px phone; "no-js" loads none of the site's scripts (as the rooms' test)."""
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
@pytest.mark.parametrize("name", ["list", "partner", "form", "form-errors"])
def test_partners_page_has_no_wcag_aa_violations_and_fits_320_px(
    name, urls, live_server, narrow_context, screenshot, share_session
):
    if name.startswith("form"):  # the partner's organisation, signed in
        share_session(narrow_context, urls["user"])
    page = narrow_context.new_page()
    page.goto(live_server.url + urls[name.removesuffix("-errors")])
    if name == "form-errors":
        page.fill("#id_name", "")
        page.click("main form button[type=submit]")
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(WIDE) == [], f"{name}: the content is wider than 320 px"
