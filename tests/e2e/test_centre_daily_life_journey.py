"""Issue 15's journey in the browser, on demo-like data: a resident finds this week's activity
from the home page, takes its last place, gets the email and the activity's iCal file; a second
resident waits; the first cancels through the emailed link (signed out), which moves the second
up; the centre's moderator signs a caller up at the desk and prints the attendance list; an NGO
asks for a room, the staff confirm it, an overlapping request is refused; another centre's
staff see none of it. axe checks every public page visited. The staff open the admin and go
on through its menu and links, as a person would, never by typing a screen's address."""

import datetime
import re

import icalendar
import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts import roles
from events import recurrence, services
from events.models import SignUp
from rooms.models import Booking
from rooms.selectors import local
from tests.e2e.test_events_accessibility import WCAG_AA
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity
from tests.factories_rooms import RoomFactory, open_weekdays, organisation, resident_of
from tests.factories_rooms import index_of as rooms_index_of

TIMEOUT = 15_000
TITLE = "Warsztaty segregacji odpadów"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def staff(centre, role, email):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(roles.centre_groups_ensure(centre)[role])
    return user


def later_this_week():
    """A start an hour or two from now (on the hour), Polish time: this week, unless the test
    runs in the last two hours of a Sunday (then the home page's "coming up" list leads)."""
    start = recurrence.local(timezone.now()).replace(minute=0, second=0, microsecond=0)
    return start + datetime.timedelta(hours=2)


@pytest.fixture
def town(page_tree):
    """Two centres as the demo has them; Nowy Sącz with a weekly workshop (two places, one
    taken) and a room; Chrzanów with its own staff."""
    sacz = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    chrzanow = CentrePageFactory(parent=page_tree, slug="chrzanow", title="MAM Chrzanów")
    starts = later_this_week()
    workshop = activity(
        sacz, title=TITLE, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
        places=2, signup_closes_hours=0, recurrence="FREQ=WEEKLY",
    )  # fmt: skip
    activity(chrzanow, title="Kurs komputerowy dla seniorów", starts_at=starts)
    services.signup_join(activity=workshop, day=starts.date(), user=UserFactory())
    open_weekdays(sacz, opens=8, closes=20)
    rooms_index_of(sacz)
    room = RoomFactory(centre=sacz, name="Sala warsztatowa")
    return {
        "centre": sacz,
        "workshop": workshop,
        "day": starts.date(),
        "room": room,
        "anna": resident_of(sacz, email="anna@example.org", first_name="Anna"),
        "jan": resident_of(sacz, email="jan@example.org", first_name="Jan"),
        "ngo": organisation(email="sasiedzi@example.org"),
        "moderator": staff(sacz, roles.MODERATOR, "moderator@example.org"),
        "chrzanow_staff": staff(chrzanow, roles.MODERATOR, "chrzanow@example.org"),
    }


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture
def person(browser, sign_in, live_server):
    """`person(email)`: a browser of one's own, signed in through the form (None: signed out).
    The contexts close before the live server stops, so no request is left half-served."""
    contexts = []

    def open_as(email):
        contexts.append(browser.new_context(locale="pl-PL"))
        page = contexts[-1].new_page()
        page.set_default_timeout(TIMEOUT)
        if email:
            sign_in(page, live_server.url, email)
        return page

    yield open_as
    for context in contexts:
        context.close()


def admin_menu(page, base, label):
    """Open the admin's dashboard and follow the sidebar's menu item `label` (shown in
    Polish): how staff reach a screen."""
    page.goto(base + reverse("wagtailadmin_home"))
    with translation.override("pl"):
        name = gettext(label)
    with page.expect_navigation():
        page.locator("#wagtail-sidebar").get_by_role("link", name=name, exact=True).click()


def follow(page, link):
    with page.expect_navigation():
        link.click()


def polish(text):
    with translation.override("pl"):
        return gettext(text)


def emails_to(address):
    return [m for m in mail.outbox if address in m.to]


@pytest.mark.django_db(transaction=True)
def test_a_week_at_the_centre_from_the_home_page_to_the_rooms_admin(
    town, person, live_server, screenshot
):
    base, workshop, day = live_server.url, town["workshop"], town["day"]

    # Anna finds this week's workshop from the home page and takes the last place.
    anna = person("anna@example.org")
    anna.goto(base + "/")
    assert_accessible(anna)
    with anna.expect_navigation():
        anna.locator("#centres").get_by_role("link", name="MAM Nowy Sącz").first.click()
    assert_accessible(anna)
    if day.weekday() or day == recurrence.local(timezone.now()).date():
        listing = anna.locator("section[aria-labelledby=this-week-title]")
    else:  # Sunday night: the workshop is next Monday, on the home page's "coming up" list
        anna.go_back()
        listing = anna.locator("section[aria-labelledby=activities-title]")
    with anna.expect_navigation():
        listing.get_by_role("link", name=TITLE).first.click()
    assert_accessible(anna)
    with anna.expect_navigation():
        anna.locator(f"main a[href$='zapisy/{day.isoformat()}/']").first.click()
    assert_accessible(anna)
    with anna.expect_navigation():
        anna.locator("main form button[type=submit]").click()
    assert SignUp.objects.get(user=town["anna"]).state == SignUp.State.CONFIRMED
    confirmed = emails_to("anna@example.org")
    assert len(confirmed) == 1
    cancel_path = re.search(r"https?://[^/\s]+(/\S+/wypisz/\S+/)", confirmed[0].body).group(1)

    # Her phone calendar subscribes to the activity's iCal file.
    ical_href = anna.locator("main a[href$='kalendarz.ics']").first.get_attribute("href")
    response = anna.request.get(base + ical_href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    events = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == TITLE]
    assert events
    start = events[0].decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Warsaw"
    assert start == workshop.starts_at
    assert events[0].decoded("DTEND") == workshop.ends_at
    assert events[0]["RRULE"]["FREQ"] == ["WEEKLY"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]

    # Jan finds the workshop full and joins the waiting list.
    jan = person("jan@example.org")
    jan.goto(f"{base}{workshop.url}zapisy/{day.isoformat()}/")
    with jan.expect_navigation():
        jan.locator("main form button[type=submit]").click()
    assert SignUp.objects.get(user=town["jan"]).state == SignUp.State.WAITING

    # Anna cancels through the emailed link, not signed in: Jan moves up and is told.
    signed_out = person(None)
    signed_out.goto(base + cancel_path)
    assert_accessible(signed_out)
    with signed_out.expect_navigation():
        signed_out.locator("main form button[type=submit]").click()
    assert SignUp.objects.get(user=town["anna"]).state == SignUp.State.CANCELLED
    assert SignUp.objects.get(user=town["jan"]).state == SignUp.State.CONFIRMED
    waiting, moved_up = emails_to("jan@example.org")
    assert moved_up.subject.endswith(f"Masz miejsce: {TITLE}")
    assert "/wypisz/" in moved_up.body
    screenshot(signed_out, "cancelled")

    # The moderator signs a caller up at the desk for next week and prints the list.
    moderator = person("moderator@example.org")
    next_week = (day + datetime.timedelta(days=7)).isoformat()
    admin_menu(moderator, base, "Activity sign-ups")
    row = moderator.locator(f"main tr:has(time[datetime^='{next_week}'])")
    follow(moderator, row.get_by_role("link", name=TITLE))
    moderator.fill("input[name=name]", "Halina Kowalczyk")
    with moderator.expect_navigation():
        moderator.locator("form:has(input[value=desk]) button[type=submit]").click()
    with moderator.expect_navigation():
        moderator.locator("a[href$='/lista/']").click()
    moderator.get_by_role("cell", name="Halina Kowalczyk").wait_for()
    screenshot(moderator, "attendance-list")

    # The NGO asks for the room; the moderator confirms it.
    when = local(timezone.now()).date() + datetime.timedelta(days=3)
    ngo = person("sasiedzi@example.org")
    ngo.goto(base + rooms_index_of(town["centre"]).url)
    assert_accessible(ngo)
    with ngo.expect_navigation():
        ngo.get_by_role("link", name="Sala warsztatowa").first.click()
    assert_accessible(ngo)
    with ngo.expect_navigation():
        ngo.locator("main a[href$='/rezerwuj/']").click()
    assert_accessible(ngo)
    form_url = ngo.url
    ask_for_room(ngo, form_url, when, "10:00", "12:00", "Warsztaty dla wolontariuszy", "ngo")
    booking = Booking.objects.get(requested_by=town["ngo"])
    assert booking.state == Booking.State.PENDING
    admin_menu(moderator, base, "Room bookings")
    follow(moderator, moderator.locator("main").get_by_role("link", name="Sala warsztatowa").first)
    moderator.locator("input[name=decision][value=confirm]").check()
    with moderator.expect_navigation():
        moderator.locator("main form button[type=submit]").last.click()
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert any("sasiedzi@example.org" in m.to for m in mail.outbox[-2:])

    # Jan asks for the same room at an overlapping time: a clear error, no request.
    ask_for_room(jan, form_url, when, "11:00", "13:00", "Spotkanie sąsiadów", "resident")
    jan.locator("#refusal-title").wait_for()
    assert "Sala jest już wtedy zarezerwowana" in jan.locator("main").inner_text()
    assert not Booking.objects.filter(requested_by=town["jan"]).exists()
    assert_accessible(jan)
    screenshot(jan, "overlap-refused")

    # Chrzanów's staff see none of Nowy Sącz's bookings.
    other = person("chrzanow@example.org")
    admin_menu(other, base, "Room bookings")
    listing = other.locator("main").inner_text()
    assert "Sala warsztatowa" not in listing and "Warsztaty dla wolontariuszy" not in listing
    this_monday = local(timezone.now()).date()
    this_monday -= datetime.timedelta(days=this_monday.weekday())
    for viewer, sees in ((moderator, True), (other, False)):
        admin_menu(viewer, base, "Room bookings")
        follow(viewer, viewer.get_by_role("link", name=polish("Calendar of the rooms")))
        if when - this_monday >= datetime.timedelta(days=7):  # the booking is next week
            follow(viewer, viewer.get_by_role("link", name=polish("Next week")))
        main = viewer.locator("main").inner_text()
        assert ("Warsztaty dla wolontariuszy" in main) is sees, main


def ask_for_room(page, form_url, day, starts, ends, purpose, kind):
    page.goto(form_url)
    page.fill("input[name=day]", day.isoformat())
    page.fill("input[name=starts]", starts)
    page.fill("input[name=ends]", ends)
    page.fill("input[name=purpose]", purpose)
    page.fill("input[name=people]", "8")
    page.select_option("select[name=user_kind]", kind)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
