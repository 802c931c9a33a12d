"""The yearly attendance summary: dates held in a year with sign-ups and the number who
came, by kind and organiser, with totals and a CSV; per centre, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from events import report, services
from events.models import ActivityPage, SignUp
from tests.accounts.staff_helpers import staff
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_events import activity, warsaw
from tests.factories_partners import PartnerFactory

pytestmark = pytest.mark.django_db
NOW = warsaw(2026, 12, 20, 12)


def held(centre, **fields):
    fields.setdefault("starts_at", warsaw(2026, 3, 3, 17))
    return activity(centre, **fields)


def signed(page, day, n):
    for i in range(n):
        SignUp.objects.create(
            activity=page, occurrence=day, name=f"Osoba {i}", state="confirmed",
            created_at=NOW, changed_at=NOW,
        )  # fmt: skip


def test_dates_held_with_signups_and_attendance_by_kind_and_organiser(centre):
    partner = PartnerFactory(centre=centre, name="Fundacja Pomocy Prawnej")
    course = held(centre, title="Kurs", kind="course", recurrence="FREQ=WEEKLY;COUNT=3", places=10)
    duty = held(centre, title="Dyżur", kind="duty_hour", partner=partner, organiser="partner")
    signed(course, datetime.date(2026, 3, 3), 4)
    services.attendance_record(activity=course, day=datetime.date(2026, 3, 3), attended=3, by=None)
    services.attendance_record(activity=duty, day=datetime.date(2026, 3, 3), attended=7, by=None)
    (found,) = report.yearly(ActivityPage.objects.all(), 2026, now=NOW)
    assert found.activities == 2 and found.total.dates == 4
    assert found.total.signed_up == 4 and found.total.attended == 10
    assert found.total.without_count == 2
    assert found.by_organiser["Fundacja Pomocy Prawnej"].attended == 7
    assert found.by_kind[str(ActivityPage(kind="course").get_kind_display())].dates == 3


def test_dates_still_to_come_are_not_counted(centre):
    held(centre, starts_at=warsaw(2026, 12, 28, 17))
    assert report.yearly(ActivityPage.objects.all(), 2026, now=NOW) == []


def test_dates_of_another_year_are_not_counted(centre):
    held(centre, starts_at=warsaw(2025, 6, 1, 17))
    assert report.yearly(ActivityPage.objects.all(), 2026, now=NOW) == []


@pytest.fixture
def official(client, centre):
    user = staff(centre, roles.OFFICIAL)
    client.force_login(user)
    return user


def test_staff_page_shows_their_centres_report_only(client, official, centre, home_page):
    other = CentrePageFactory(parent=home_page, title="MAM Chrzanów", slug="chrzanow")
    held(centre, title="Warsztaty w Nowym Sączu")
    held(other, title="Warsztaty w Chrzanowie")
    response = client.get(reverse("activity_signups:report"), {"rok": "2026"})
    assert response.status_code == 200
    assert "Warsztaty w Nowym Sączu" in response.text
    assert "Warsztaty w Chrzanowie" not in response.text


def test_csv_lists_each_date_with_its_numbers(client, official, centre):
    page = held(centre, title="=Warsztaty")
    services.attendance_record(activity=page, day=datetime.date(2026, 3, 3), attended=12, by=None)
    response = client.get(reverse("activity_signups:report"), {"rok": "2026", "export": "csv"})
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=Warsztaty" in text and "2026-03-03 17:00" in text and ";12" in text


@pytest.mark.parametrize("value", ["20x6", "1999", "²⁰²⁶", "99999"])
def test_a_year_that_is_not_one_is_not_found(client, official, value):
    assert client.get(reverse("activity_signups:report"), {"rok": value}).status_code == 404


def test_a_resident_cannot_open_the_report(client, centre):
    client.force_login(UserFactory())
    assert client.get(reverse("activity_signups:report")).status_code in (302, 403)


def test_report_costs_the_same_queries_with_few_or_many_activities(client, official, centre):
    held(centre)
    url = reverse("activity_signups:report") + "?rok=2026"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for month in range(4, 9):
        held(centre, starts_at=warsaw(2026, month, 3, 17), partner=PartnerFactory(centre=centre))
    assert count() == few


def test_rooms_usage_links_to_the_attendance_report(client, official):
    text = client.get(reverse("mam_room_bookings:usage")).text
    assert reverse("activity_signups:report") in text
