"""axe-core finds no WCAG 2.1 A/AA violation on the organising partner's screens of the public
site (its activity's dates, one date's sign-ups with the count form and its error, the printed
attendance list) at 320 px, with and without JavaScript."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events import recurrence, services
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity
from tests.factories_partners import PartnerFactory
from tests.factories_proposals import confirmed_user
from tests.factories_rooms import organisation

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDE = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > 322)
  .filter(e => !e.parentElement.closest('.signup-table-wrap'))  // the table scrolls in its region
  .slice(0, 8)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""

SCREENS = ["organizator/", "organizator/{day}/", "organizator/{day}/lista/"]


def soon(days, hour=17):
    day = recurrence.local(timezone.now()).date() + datetime.timedelta(days=days)
    return recurrence.place(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def workshop(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    partner = PartnerFactory(centre=centre, name="Stowarzyszenie Sąsiedzi")
    ngo = organisation(email="ngo@example.org")
    partner.accounts.add(ngo)
    page = activity(
        centre, title="Naprawa rowerów", starts_at=soon(-4), places=1, partner=partner,
        recurrence="FREQ=WEEKLY",
    )  # fmt: skip
    day = soon(3).date()
    services.signup_join(activity=page, day=day, user=confirmed_user(display_name="Anna Nowak"))
    services.signup_join(activity=page, day=day, name="Pan Józef", entered_by=UserFactory())
    return page, ngo, day.isoformat()


def check(page, screenshot, name):
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(WIDE) == [], f"{name}: the content is wider than 320 px"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("screen", SCREENS)
def test_organiser_screen_has_no_wcag_aa_violations_and_fits_320_px(
    screen, workshop, live_server, narrow_context, share_session, screenshot
):
    activity_page, ngo, day = workshop
    share_session(narrow_context, ngo)
    page = narrow_context.new_page()
    response = page.goto(live_server.url + activity_page.url + screen.format(day=day))
    assert response.status == 200
    if "{day}" in screen:  # the date's own screens name who signed up
        assert "Pan Józef" in page.content()
    check(page, screenshot, "organiser-" + screen.replace("/", "-").replace("{day}", "day"))


@pytest.mark.django_db(transaction=True)
def test_a_wrong_count_shows_an_accessible_error(
    workshop, live_server, narrow_context, share_session, screenshot
):
    activity_page, ngo, _day = workshop
    share_session(narrow_context, ngo)
    page = narrow_context.new_page()
    held = soon(-4).date().isoformat()  # the count is entered once the date has begun
    page.goto(f"{live_server.url}{activity_page.url}organizator/{held}/")
    page.locator("main form input[name=attended]").fill("-3")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary, [role=alert]").count() >= 1
    check(page, screenshot, "organiser-count-error")
