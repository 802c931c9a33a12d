"""Dates of activities: RFC 5545 rules in Polish time, cancelled and moved dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events import recurrence
from tests.factories_events import activity, change, warsaw

pytestmark = pytest.mark.django_db


def dates(page, start, end, **kwargs):
    return recurrence.occurrences(page, start=start, end=end, **kwargs)


def test_weekly_activity_stays_at_five_pm_across_the_october_change_of_time(centre):
    page = activity(centre, starts_at=warsaw(2026, 10, 13, 17), recurrence="FREQ=WEEKLY;BYDAY=TU")
    found = dates(page, warsaw(2026, 10, 12), warsaw(2026, 11, 4))
    assert [o.starts_at.hour for o in found] == [17, 17, 17, 17]
    utc = [o.starts_at.astimezone(datetime.UTC).hour for o in found]
    assert utc == [15, 15, 16, 16]  # summer time until Sunday 25 October 2026


def test_weekly_activity_stays_at_five_pm_across_the_march_change_of_time(centre):
    page = activity(centre, starts_at=warsaw(2027, 3, 16, 17), recurrence="FREQ=WEEKLY;BYDAY=TU")
    found = dates(page, warsaw(2027, 3, 15), warsaw(2027, 4, 1))
    assert [o.starts_at.astimezone(datetime.UTC).hour for o in found] == [16, 16, 15]


def test_first_monday_of_each_month(centre):
    page = activity(centre, starts_at=warsaw(2026, 12, 7, 10), recurrence="FREQ=MONTHLY;BYDAY=1MO")
    found = dates(page, warsaw(2026, 12, 1), warsaw(2027, 3, 1))
    assert [o.key for o in found] == [
        datetime.date(2026, 12, 7),
        datetime.date(2027, 1, 4),
        datetime.date(2027, 2, 1),
    ]


def test_a_cancelled_date_is_left_out_unless_asked_for(centre):
    page = activity(centre, recurrence="FREQ=WEEKLY;BYDAY=TU")
    change(page, datetime.date(2026, 12, 15), note="Sala zajęta")
    plain = dates(page, warsaw(2026, 12, 8), warsaw(2026, 12, 23))
    assert [o.key.day for o in plain] == [8, 22]
    full = dates(page, warsaw(2026, 12, 8), warsaw(2026, 12, 23), with_cancelled=True)
    assert [(o.key.day, o.cancelled) for o in full] == [(8, False), (15, True), (22, False)]


def test_a_moved_date_keeps_its_planned_day_as_key(centre):
    page = activity(centre, recurrence="FREQ=WEEKLY;BYDAY=TU")
    change(page, datetime.date(2026, 12, 15), new_starts_at=warsaw(2026, 12, 17, 18))
    found = dates(page, warsaw(2026, 12, 14), warsaw(2026, 12, 21))
    [moved] = found
    assert moved.moved and moved.key == datetime.date(2026, 12, 15)
    assert moved.starts_at == warsaw(2026, 12, 17, 18)
    assert moved.ends_at == warsaw(2026, 12, 17, 20)


def test_occurrence_on_a_day_the_rule_does_not_plan_is_none(centre):
    page = activity(centre, recurrence="FREQ=WEEKLY;BYDAY=TU")
    assert recurrence.occurrence_on(page, datetime.date(2026, 12, 9)) is None
    assert recurrence.occurrence_on(page, datetime.date(2026, 12, 1)) is None  # before the first
    assert recurrence.occurrence_on(page, datetime.date(2026, 12, 15)).starts_at.hour == 17


def test_a_rule_with_an_end_date_stops(centre):
    page = activity(centre, recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20261222")
    found = dates(page, warsaw(2026, 12, 1), warsaw(2027, 2, 1))
    assert [o.key.day for o in found] == [8, 15, 22]


def test_a_one_off_activity_has_one_date(centre):
    page = activity(centre)
    assert len(dates(page, warsaw(2026, 1, 1), warsaw(2028, 1, 1))) == 1


@pytest.mark.parametrize(
    "rule", ["FREQ=HOURLY", "every tuesday", "FREQ=WEEKLY;BYDAY=XX", "DTSTART:20260101\nFREQ=DAILY"]
)
def test_a_rule_we_do_not_understand_is_refused_in_words(centre, rule):
    page = activity(centre)
    page.recurrence = rule
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "recurrence" in error.value.message_dict


def test_the_end_must_come_after_the_start(centre):
    page = activity(centre)
    page.ends_at = page.starts_at
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "ends_at" in error.value.message_dict
