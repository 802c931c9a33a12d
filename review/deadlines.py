"""The one place a review deadline is computed: calendar or working days, Polish holidays.

A town's regulamin counts the days to appeal and to decide either in calendar days or in
working days (dni robocze: Monday to Friday except public holidays). Either way, by art. 57
§ 4 KPA practice a deadline that ends on a Saturday, a Sunday or a public holiday moves to
the next working day; `MAM_DEADLINE_TO_WORKING_DAY = False` in the settings turns that off.
The holidays are the `holidays` package's calendar for Poland (ustawa o dniach wolnych od
pracy: 1 and 6 January, Easter Monday, 1 and 3 May, Corpus Christi, 15 August, 1 and 11
November, 24–26 December from 2025, and the Sundays among them).
"""

from __future__ import annotations

import datetime

import holidays
from django.conf import settings

_POLAND = holidays.country_holidays("PL")
_DAY = datetime.timedelta(days=1)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a Polish public holiday."""
    return day.weekday() < 5 and day not in _POLAND


def next_working_day(day: datetime.date) -> datetime.date:
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += _DAY
    return day


def moves_to_working_day() -> bool:
    """Whether a deadline on a day off moves to the next working day (the default)."""
    return getattr(settings, "MAM_DEADLINE_TO_WORKING_DAY", True)


def deadline(start: datetime.date, days: int, *, working_days: bool) -> datetime.date:
    """The last day of a period of `days` counted from the day after `start`.

    In working days only working days count; in calendar days every day does. Then a last
    day that is not a working day moves to the next one (unless the setting turns it off).
    """
    if working_days:
        day, left = start, days
        while left > 0:
            day += _DAY
            if is_working_day(day):
                left -= 1
    else:
        day = start + datetime.timedelta(days=days)
    return next_working_day(day) if moves_to_working_day() else day
