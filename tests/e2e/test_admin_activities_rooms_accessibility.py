"""axe-core finds no WCAG 2.1 A/AA violation on the staff's admin screens for activity
sign-ups (the dates, one date with the desk sign-up and its errors, the attendance list to
print, on screen and as printed) and for rooms (the list of rooms, the queue of requests, a
decision, the calendar, the schedule to print with its errors and as printed, the yearly
usage, the number of people who came to a booking).

A centre's editor, signed in as the staff use these screens, on a desktop-sized window.
"""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from events import services
from rooms.models import Booking
from rooms.selectors import at, local, monday_of
from tests.e2e.test_events_accessibility import WCAG_AA, soon
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity
from tests.factories_rooms import RoomFactory, open_weekdays

TIMEOUT = 15_000


@pytest.fixture
def screens(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    editor = UserFactory(email="redaktorka@example.org")
    editor.groups.add(roles.centre_groups_ensure(centre)[roles.EDITOR])
    workshop = activity(centre, title="Warsztaty segregacji", starts_at=soon(3), places=1)
    for name in ("Anna Kowalska", "Jan Nowak"):
        services.signup_join(activity=workshop, day=soon(3).date(), name=name, entered_by=editor)
    open_weekdays(centre)
    room = RoomFactory(centre=centre, name="Sala warsztatowa")
    monday = monday_of(local(timezone.now()).date()) + datetime.timedelta(days=7)
    request = Booking.objects.create(
        room=room, centre=centre, starts_at=at(monday, datetime.time(12)),
        ends_at=at(monday, datetime.time(14)), state="pending", user_kind="resident",
        purpose="Spotkanie sąsiedzkie", people=5, created_at=timezone.now(),
        requested_by=UserFactory(),
    )  # fmt: skip
    held = Booking.objects.create(
        room=room, centre=centre, starts_at=at(monday - datetime.timedelta(days=14),
        datetime.time(10)), ends_at=at(monday - datetime.timedelta(days=14), datetime.time(12)),
        state="confirmed", user_kind="ngo", purpose="Warsztaty fundacji", people=12,
        created_at=timezone.now(), caller_name="Fundacja Razem",
    )  # fmt: skip
    date_args = [workshop.pk, soon(3).date().isoformat()]
    schedule = reverse("mam_room_bookings:schedule")
    return {
        "user": editor,
        "dates": reverse("activity_signups:index"),
        "date": reverse("activity_signups:date", args=date_args),
        "sheet": reverse("activity_signups:sheet", args=date_args),
        "report": reverse("activity_signups:report"),
        "rooms": reverse("mam_rooms:index"),
        "bookings": reverse("mam_room_bookings:index"),
        "decide": reverse("mam_room_bookings:decide", args=[request.pk]),
        "calendar": reverse("mam_room_bookings:calendar"),
        "schedule": f"{schedule}?centrum={centre.pk}&data={monday}&zakres=tydzien",
        "schedule-day": f"{schedule}?centrum={centre.pk}&data={monday}&zakres=dzien",
        "schedule-errors": f"{schedule}?data=2026-13-45",
        "usage": reverse("mam_room_bookings:usage"),
        "attendance": reverse("mam_room_bookings:attendance", args=[held.pk]),
    }


@pytest.fixture
def admin_page(browser, share_session, screens):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    share_session(context, screens["user"])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    yield page
    page.close()  # before the database is flushed under the live server
    context.close()


# Every message banner shown at full opacity (its own and its ancestors'), or none shown.
SETTLED_MESSAGES = """() => Array.from(document.querySelectorAll('.messages li')).every(li => {
    let opacity = 1;
    for (let el = li; el; el = el.parentElement) {
        opacity *= parseFloat(getComputedStyle(el).opacity);
    }
    return opacity === 1;
})"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "name",
    [
        "dates",
        "date",
        "date-errors",
        "sheet",
        "report",
        "rooms",
        "bookings",
        "decide",
        "decide-errors",
        "calendar",
        "schedule",
        "schedule-day",
        "schedule-errors",
        "schedule-print",
        "sheet-print",
        "usage",
        "attendance",
    ],
)
def test_staff_screen_has_no_wcag_aa_violations(name, screens, admin_page, live_server, screenshot):
    url = screens.get(name) or screens[name.removesuffix("-errors").removesuffix("-print")]
    response = admin_page.goto(live_server.url + url)
    assert response.status == (400 if name == "schedule-errors" else 200)
    if name.endswith("-print"):  # the printed page: print styles, navigation hidden
        admin_page.emulate_media(media="print")
    if name == "date-errors":  # the desk sign-up sent without a name
        admin_page.fill("#id_name", "")
        admin_page.locator("#id_name").evaluate("e => e.removeAttribute('required')")
        admin_page.locator("form:has(#id_name) [type=submit]").click()
        admin_page.wait_for_selector(".w-field--error")
    if name == "decide-errors":  # declined without the reason
        admin_page.check("input[value=decline]")
        admin_page.locator("main form [type=submit]").last.click()
        admin_page.wait_for_selector(".w-field--error")
    # Wagtail fades its error banner in: axe must judge the settled colours, not a frame of
    # the fade (white over a half-transparent red measured 4.41:1 in one CI run).
    admin_page.wait_for_function(SETTLED_MESSAGES)
    screenshot(admin_page, name)
    results = Axe().run(admin_page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
