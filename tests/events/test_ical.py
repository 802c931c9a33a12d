"""iCal feeds of a centre's activities and of one activity, read back with `icalendar`."""

import datetime

import icalendar
import pytest
from dateutil.rrule import rrulestr

from tests.factories_events import activity, change, index_of, warsaw

pytestmark = pytest.mark.django_db


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def expand(event, until):
    """The event's dates as a phone would compute them: RRULE + RDATE - EXDATE."""
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    dates = set(rule.between(start, until, inc=True))
    for rdate in (
        event.get("rdate", []) if isinstance(event.get("rdate"), list) else [event.get("rdate")]
    ):
        if rdate is not None:
            dates |= {value.dt for value in rdate.dts}
    exdates = event.get("exdate", [])
    for exdate in exdates if isinstance(exdates, list) else [exdates]:
        dates -= {value.dt for value in exdate.dts}
    return sorted(dates)


@pytest.fixture
def weekly(centre):
    return activity(
        centre,
        title="Kurs komputerowy dla seniorów",
        starts_at=warsaw(2026, 10, 13, 17),
        recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270406",
    )


def test_centre_feed_lists_every_activity_of_the_centre(client, centre, weekly):
    activity(centre, title="Dzień otwarty")
    cal = feed(client, index_of(centre).url + "kalendarz.ics")
    titles = {str(event["summary"]) for event in cal.walk("VEVENT")}
    assert titles == {"Kurs komputerowy dla seniorów", "Dzień otwarty"}


def test_feed_carries_the_warsaw_time_zone_with_both_changes_of_time(client, weekly):
    cal = feed(client, weekly.url + "kalendarz.ics")
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Warsaw"
    assert zone.walk("STANDARD") and zone.walk("DAYLIGHT")
    [event] = cal.walk("VEVENT")
    assert event["dtstart"].params["TZID"] == "Europe/Warsaw"


def test_weekly_times_stay_at_five_pm_around_the_last_sunday_of_october(client, weekly):
    [event] = feed(client, weekly.url + "kalendarz.ics").walk("VEVENT")
    dates = expand(event, warsaw(2026, 11, 4))
    assert [d.astimezone(datetime.UTC).hour for d in dates] == [15, 15, 16, 16]
    assert all(d.astimezone(warsaw(2026, 1, 1).tzinfo).hour == 17 for d in dates)


def test_weekly_times_stay_at_five_pm_around_the_last_sunday_of_march(client, weekly):
    [event] = feed(client, weekly.url + "kalendarz.ics").walk("VEVENT")
    dates = [d for d in expand(event, warsaw(2027, 4, 7)) if d >= warsaw(2027, 3, 20)]
    assert [d.astimezone(datetime.UTC).hour for d in dates] == [16, 15, 15]


def test_until_a_day_is_written_in_utc_and_includes_that_day(client, weekly):
    [event] = feed(client, weekly.url + "kalendarz.ics").walk("VEVENT")
    until = event["rrule"]["UNTIL"][0]
    assert until.tzinfo is not None and until.utcoffset() == datetime.timedelta(0)
    assert expand(event, warsaw(2027, 12, 31))[-1] == warsaw(2027, 4, 6, 17)


def test_cancelled_date_is_an_exdate_and_moved_date_an_exdate_plus_rdate(client, weekly):
    change(weekly, datetime.date(2026, 11, 3))
    change(weekly, datetime.date(2026, 11, 10), new_starts_at=warsaw(2026, 11, 12, 18))
    [event] = feed(client, weekly.url + "kalendarz.ics").walk("VEVENT")
    dates = [d for d in expand(event, warsaw(2026, 11, 20)) if d >= warsaw(2026, 11, 1)]
    assert dates == [warsaw(2026, 11, 12, 18), warsaw(2026, 11, 17, 17)]


def test_a_cancelled_one_off_activity_is_marked_cancelled(client, centre):
    page = activity(centre, starts_at=warsaw(2026, 12, 12, 10))
    change(page, datetime.date(2026, 12, 12))
    [event] = feed(client, page.url + "kalendarz.ics").walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_event_has_a_stable_uid_place_and_link(client, centre, weekly):
    [event] = feed(client, weekly.url + "kalendarz.ics").walk("VEVENT")
    assert str(event["uid"]) == f"activity-{weekly.pk}@testserver"
    assert str(event["url"]) == "http://testserver" + weekly.url
    assert "Sala duża" in str(event["location"]) and "Przykładowa" in str(event["location"])
