"""How the action log shows who opened a date's sign-ups, printed its attendance list or
entered how many came (events.services.audit): in the page's history and the admin's site
history, with the date and the screen."""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from events.services.audit import ORGANISER


def _when(log_entry) -> dict[str, str]:
    data = log_entry.data or {}
    try:
        day = formats.date_format(datetime.date.fromisoformat(data.get("date", "")))
    except (TypeError, ValueError):
        day = "?"
    screen = (
        gettext("organiser's screen") if data.get("screen") == ORGANISER else gettext("admin panel")
    )
    return {"date": day, "screen": screen}


class SignUpsViewed(LogFormatter):
    label = _("Sign-ups viewed")

    def format_message(self, log_entry):
        return gettext("Sign-ups of %(date)s viewed (%(screen)s)") % _when(log_entry)


class SheetPrinted(LogFormatter):
    label = _("Attendance list printed")

    def format_message(self, log_entry):
        return gettext("Attendance list of %(date)s opened to print (%(screen)s)") % _when(
            log_entry
        )


class AttendanceEntered(LogFormatter):
    label = _("Number who came entered")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        values = {**_when(log_entry), "count": data.get("attended", "?")}
        if data.get("previous") is None:
            return gettext("Number who came on %(date)s: %(count)s") % values
        values["previous"] = data["previous"]
        return gettext("Number who came on %(date)s: %(count)s (was %(previous)s)") % values
