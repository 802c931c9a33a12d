"""A repeat rule as editors choose it (weekly or monthly, every n, days of the week, "the
first Monday", until a day or n times), built into the stored RFC 5545 text with dateutil,
read back from it, and said in words for residents ("co tydzień we wtorki o 17:00").

The stored rule (`ActivityPage.recurrence`) stays the one source of truth: a rule these
choices cannot express is kept as written and edited as text ("advanced").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from dateutil import rrule as dateutil_rrule
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from events import recurrence

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
FEMININE_DAYS = {"WE", "SA", "SU"}  # środa, sobota, niedziela take feminine ordinals
POSITIONS = ["1", "2", "3", "4", "-1"]
TOKEN = re.compile(r"^([+-]?[1-4])?(MO|TU|WE|TH|FR|SA|SU)$")
SIMPLE_KEYS = {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT"}
FREQUENCIES = {"WEEKLY": dateutil_rrule.WEEKLY, "MONTHLY": dateutil_rrule.MONTHLY}


@dataclass
class Repeat:
    """The editor's choices; `frequency` is "", "WEEKLY", "MONTHLY" or "ADVANCED"."""

    frequency: str = ""
    interval: int = 1
    days: list[str] = field(default_factory=list)
    position: str = ""  # monthly: "1".."4" or "-1" (last); "" is the same date each month
    until: datetime.date | None = None
    count: int | None = None


def parse(text: str) -> Repeat:
    """The choices that give the rule `text`; ADVANCED when they cannot express it."""
    if not text.strip():
        return Repeat()
    advanced = Repeat(frequency="ADVANCED")
    try:
        parts = dict(part.split("=", 1) for part in recurrence.normalised(text).split(";") if part)
        tokens = [TOKEN.match(t) for t in parts.get("BYDAY", "").split(",") if t]
        found = Repeat(
            frequency=parts.get("FREQ", ""),
            interval=int(parts.get("INTERVAL", "1")),
            days=[t.group(2) for t in tokens if t],
            position={t.group(1) or "" for t in tokens if t}.pop() if tokens else "",
            until=datetime.date.fromisoformat(parts["UNTIL"][:8]) if "UNTIL" in parts else None,
            count=int(parts["COUNT"]) if "COUNT" in parts else None,
        )
    except (ValueError, KeyError):
        return advanced
    simple = (
        set(parts) <= SIMPLE_KEYS
        and found.frequency in FREQUENCIES
        and all(tokens)
        and found.interval >= 1
        and len({t.group(1) for t in tokens}) <= 1
    )
    if not simple or (found.frequency == "WEEKLY" and found.position):
        return advanced
    if found.frequency == "MONTHLY" and (
        len(found.days) > 1 or bool(found.days) != bool(found.position)
    ):
        return advanced
    found.position = found.position.lstrip("+")
    return found


def build(choice: Repeat, starts_at: datetime.datetime) -> str:
    """The RFC 5545 rule (without RRULE:) for the choices, written by dateutil."""
    weekdays = [getattr(dateutil_rrule, day) for day in choice.days]
    if choice.frequency == "MONTHLY" and choice.position:
        weekdays = [weekday(int(choice.position)) for weekday in weekdays]
    until = None
    if choice.until is not None:
        until = datetime.datetime.combine(choice.until, datetime.time(23, 59, 59))
    built = dateutil_rrule.rrule(
        FREQUENCIES[choice.frequency],
        dtstart=recurrence.wall(starts_at),
        interval=choice.interval,
        byweekday=weekdays or None,
        until=until,
        count=choice.count,
    )
    line = next(line for line in str(built).splitlines() if line.startswith("RRULE:"))
    return line.removeprefix("RRULE:")


def _on_days(days: list[str]) -> str:
    """ "we wtorki i czwartki": the first day with its preposition, the rest as a list."""
    first = {
        "MO": pgettext("repeats on", "on Mondays"),
        "TU": pgettext("repeats on", "on Tuesdays"),
        "WE": pgettext("repeats on", "on Wednesdays"),
        "TH": pgettext("repeats on", "on Thursdays"),
        "FR": pgettext("repeats on", "on Fridays"),
        "SA": pgettext("repeats on", "on Saturdays"),
        "SU": pgettext("repeats on", "on Sundays"),
    }
    rest = {
        "MO": pgettext("repeats on, after the first day", "Mondays"),
        "TU": pgettext("repeats on, after the first day", "Tuesdays"),
        "WE": pgettext("repeats on, after the first day", "Wednesdays"),
        "TH": pgettext("repeats on, after the first day", "Thursdays"),
        "FR": pgettext("repeats on, after the first day", "Fridays"),
        "SA": pgettext("repeats on, after the first day", "Saturdays"),
        "SU": pgettext("repeats on, after the first day", "Sundays"),
    }
    days = sorted(days, key=DAYS.index)
    words = [first[days[0]]] + [rest[day] for day in days[1:]]
    if len(words) == 1:
        return words[0]
    return _("%(list)s and %(last)s") % {"list": ", ".join(words[:-1]), "last": words[-1]}


def _nth_day(position: str, day: str) -> str:
    """ "w pierwszy poniedziałek miesiąca", "w ostatnią sobotę miesiąca"."""
    if day in FEMININE_DAYS:
        ordinals = {
            "1": pgettext("ordinal before a feminine weekday", "first"),
            "2": pgettext("ordinal before a feminine weekday", "second"),
            "3": pgettext("ordinal before a feminine weekday", "third"),
            "4": pgettext("ordinal before a feminine weekday", "fourth"),
            "-1": pgettext("ordinal before a feminine weekday", "last"),
        }
    else:
        ordinals = {
            "1": pgettext("ordinal before a masculine weekday", "first"),
            "2": pgettext("ordinal before a masculine weekday", "second"),
            "3": pgettext("ordinal before a masculine weekday", "third"),
            "4": pgettext("ordinal before a masculine weekday", "fourth"),
            "-1": pgettext("ordinal before a masculine weekday", "last"),
        }
    names = {
        "MO": pgettext("on the first ... of the month", "Monday"),
        "TU": pgettext("on the first ... of the month", "Tuesday"),
        "WE": pgettext("on the first ... of the month", "Wednesday"),
        "TH": pgettext("on the first ... of the month", "Thursday"),
        "FR": pgettext("on the first ... of the month", "Friday"),
        "SA": pgettext("on the first ... of the month", "Saturday"),
        "SU": pgettext("on the first ... of the month", "Sunday"),
    }
    return _("on the %(ordinal)s %(day)s of the month") % {
        "ordinal": ordinals[position],
        "day": names[day],
    }


def _every(choice: Repeat) -> str:
    n = choice.interval
    if choice.frequency == "WEEKLY":
        if n == 1:
            return _("every week")
        return ngettext("every %(n)s week", "every %(n)s weeks", n) % {"n": n}
    if n == 1:
        return _("every month")
    return ngettext("every %(n)s month", "every %(n)s months", n) % {"n": n}


def describe(text: str, starts_at: datetime.datetime) -> str:
    """The rule in words ("co tydzień we wtorki o 17:00"); "" for a one-off or a rule
    written by hand that the choices cannot express."""
    choice = parse(text)
    if choice.frequency not in FREQUENCIES:
        return ""
    start = recurrence.local(starts_at)
    days = choice.days or [DAYS[start.weekday()]]
    if choice.frequency == "WEEKLY":
        words = f"{_every(choice)} {_on_days(days)}"
    elif choice.position:
        words = _nth_day(choice.position, days[0])
        if choice.interval > 1:
            words = f"{_every(choice)} {words}"
    else:
        words = _("%(every)s on day %(day)s") % {"every": _every(choice), "day": start.day}
    words += " " + _("at %(time)s") % {"time": f"{start:%H:%M}"}
    if choice.until is not None:
        words += ", " + _("until %(date)s") % {"date": date_format(choice.until, "j E Y")}
    if choice.count is not None:
        count = ngettext("%(count)s time", "%(count)s times", choice.count)
        words += ", " + count % {"count": choice.count}
    return words
