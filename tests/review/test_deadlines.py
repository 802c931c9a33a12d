"""The one deadline function: calendar or working days, Polish public holidays, and a last
day off moved to the next working day (art. 57 § 4 KPA practice)."""

import datetime

from django.test import override_settings

from review.deadlines import deadline, is_working_day

D = datetime.date


def test_a_friday_plus_one_working_day_is_the_monday():
    assert deadline(D(2026, 3, 13), 1, working_days=True) == D(2026, 3, 16)


def test_working_days_skip_1_may_the_weekend_and_3_may():
    # 2027: 1 May is a Saturday, 3 May a Monday.
    assert deadline(D(2027, 4, 30), 1, working_days=True) == D(2027, 5, 4)


def test_working_days_skip_christmas_eve_and_christmas():
    # 2026: 24 December is a Thursday, 25 a Friday, 26 a Saturday.
    assert deadline(D(2026, 12, 23), 1, working_days=True) == D(2026, 12, 28)


def test_working_days_skip_11_november():
    assert deadline(D(2026, 11, 10), 1, working_days=True) == D(2026, 11, 12)


def test_working_days_count_from_the_day_after_a_weekend_start():
    assert deadline(D(2026, 3, 14), 1, working_days=True) == D(2026, 3, 16)


def test_a_calendar_deadline_on_a_working_day_stays():
    assert deadline(D(2026, 3, 10), 7, working_days=False) == D(2026, 3, 17)


def test_a_calendar_deadline_on_a_sunday_moves_to_the_monday():
    assert deadline(D(2026, 3, 1), 7, working_days=False) == D(2026, 3, 9)


def test_a_calendar_deadline_on_a_saturday_moves_to_the_monday():
    assert deadline(D(2026, 3, 7), 7, working_days=False) == D(2026, 3, 16)


def test_a_calendar_deadline_on_11_november_moves_to_the_next_day():
    assert deadline(D(2026, 11, 4), 7, working_days=False) == D(2026, 11, 12)


def test_a_calendar_deadline_on_1_may_moves_past_the_weekend():
    # 2026: 1 May is a Friday, 3 May a Sunday.
    assert deadline(D(2026, 4, 24), 7, working_days=False) == D(2026, 5, 4)


@override_settings(MAM_DEADLINE_TO_WORKING_DAY=False)
def test_the_setting_keeps_a_calendar_deadline_on_a_sunday():
    assert deadline(D(2026, 3, 1), 7, working_days=False) == D(2026, 3, 8)


def test_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(D(2026, 1, 6))  # Epiphany, a Tuesday
    assert not is_working_day(D(2026, 4, 6))  # Easter Monday
    assert not is_working_day(D(2026, 3, 15))  # a Sunday
    assert is_working_day(D(2026, 3, 16))
