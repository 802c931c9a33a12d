"""axe-core finds no WCAG 2.1 A/AA violation on the rooms pages at 320 px, with and without
JavaScript: the list, a room's week, the request form (with errors) and one's bookings."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from rooms.models import Booking
from rooms.selectors import at, local, monday_of
from tests.e2e.test_events_accessibility import WCAG_AA
from tests.factories import CentrePageFactory
from tests.factories_rooms import RoomFactory, index_of, open_weekdays, resident_of

WIDE = """[...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > 322)
  .filter(e => !e.parentElement.closest('.week-wrap'))  // the table scrolls in its region
  .slice(0, 8)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture
def urls(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    rules = open_weekdays(centre, days=range(6))
    rules.closed_days.create(date=local(timezone.now()).date() + datetime.timedelta(days=9))
    room = RoomFactory(centre=centre, name="Sala warsztatowa", house_rules="Sprzątamy po sobie.")
    RoomFactory(centre=centre, name="Sala spotkań")
    monday = monday_of(local(timezone.now()).date()) + datetime.timedelta(days=7)
    Booking.objects.create(
        room=room, centre=centre, starts_at=at(monday, datetime.time(12)),
        ends_at=at(monday, datetime.time(14)), state="confirmed", user_kind="resident",
        purpose="Spotkanie", people=5, created_at=timezone.now(),
    )  # fmt: skip
    index = index_of(centre)
    return {
        "list": index.url,
        "week": f"{index.url}{room.pk}/?tydzien={monday}",
        "form": f"{index.url}{room.pk}/rezerwuj/",
        "mine": index.url + "moje-rezerwacje/",
        "user": resident_of(centre, email="anna@example.org"),
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", ["list", "week", "form", "form-errors", "mine"])
def test_rooms_page_has_no_wcag_aa_violations_and_fits_320_px(
    name, urls, live_server, narrow_context, share_session, screenshot
):
    if name in ("form", "form-errors", "mine"):  # signed in (a session cookie)
        share_session(narrow_context, urls["user"])
    page = narrow_context.new_page()
    page.goto(live_server.url + urls[name.removesuffix("-errors")])
    if name == "form-errors":
        page.click("main form button[type=submit]")
    screenshot(page, name)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    assert page.evaluate(WIDE) == [], f"{name}: the content is wider than 320 px"
