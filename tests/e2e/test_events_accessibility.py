"""axe-core finds no WCAG 2.1 A/AA violation on the activity pages at 320 px, with and without
JavaScript; the month table scrolls inside its own region instead of the page."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from events import recurrence, services
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity, change, index_of
from tests.factories_proposals import confirmed_user

# The site header is the chrome's own (it is checked at 360 px elsewhere); this looks at main.
WIDE = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > 322)
  .filter(e => !e.parentElement.closest('.month-wrap'))  // the table scrolls in its region
  .slice(0, 8)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def soon(days, hour=17):
    day = recurrence.local(timezone.now()).date() + datetime.timedelta(days=days)
    return recurrence.place(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def urls(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    course = activity(
        centre, title="Kurs komputerowy dla seniorów", starts_at=soon(1), places=1,
        recurrence="FREQ=WEEKLY", step_free=True, induction_loop=True, sign_language=True,
    )  # fmt: skip
    change(course, soon(8).date(), note="Centrum nieczynne")
    change(course, soon(15).date(), new_starts_at=soon(16), note="Przeniesione")
    activity(centre, title="Dawne warsztaty", starts_at=soon(-20))
    signup = services.signup_join(activity=course, day=soon(1).date(), user=UserFactory())
    services.signup_join(activity=course, day=soon(1).date(), user=UserFactory())
    index = index_of(centre)
    start = soon(1)
    return {
        "index": index.url,
        "index-errors": index.url + "?rodzaj=x&dzien=nie",
        "month": f"{index.url}miesiac/{start.year}/{start.month}/",
        "archive": index.url + "archiwum/",
        "activity": course.url,
        "cancel": f"{course.url}wypisz/{services.cancel_token(signup)}/",
        "centre": centre.url,
        "home": "/",
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name", ["index", "index-errors", "month", "archive", "activity", "cancel", "centre", "home"]
)
def test_activity_page_has_no_wcag_aa_violations_and_fits_320_px(
    name, urls, live_server, narrow_context, screenshot
):
    page = narrow_context.new_page()
    page.goto(live_server.url + urls[name])
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(WIDE) == [], f"{name}: the content is wider than 320 px"


@pytest.mark.django_db(transaction=True)
def test_sign_up_page_signed_in_has_no_wcag_aa_violations_and_fits_320_px(
    page_tree, live_server, narrow_context, share_session, screenshot
):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    course = activity(centre, title="Kurs", starts_at=soon(1), places=3, recurrence="FREQ=WEEKLY")
    share_session(narrow_context, confirmed_user())
    page = narrow_context.new_page()
    response = page.goto(f"{live_server.url}{course.url}zapisy/{soon(8).date().isoformat()}/")
    assert response.status == 200
    screenshot(page, "signup")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(WIDE) == [], "the sign-up page is wider than 320 px"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["activity", "cancel"])
def test_the_page_header_included_never_scrolls_sideways_at_320_px(
    name, urls, live_server, narrow_context
):
    """The brand and the search and menu buttons wrap at 320 px instead of leaving the screen."""
    page = narrow_context.new_page()
    page.goto(live_server.url + urls[name])
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 320
