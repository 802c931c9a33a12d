"""An activity's page: its description and dates the same for everyone, rendered once per
content version, and the person's own sign-ups on top (issue #17).

The template keeps the description ("about") and the dates with their places left ("dates")
in `{% shared_for_everyone %}` parts (home/page_cache.py: shared_part), under the listings
version, which every sign-up service bumps on commit. The dates are read lazily: a request
whose parts come from the cache reads only the person's own sign-ups. What differs from person
to person inside the dates is marked (`<!--mam-signup:DAY-->…<!--/mam-signup-->`: the places
left and the sign-up button) and settled here for each request: a date the person signed up
for says so instead. Nothing in a part depends on who rendered it first.
"""

from __future__ import annotations

import datetime
import re

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from events import recurrence, selectors, services
from events.models import SignUp

SIGNUP = re.compile(r"<!--mam-signup:([0-9-]+)-->.*?<!--/mam-signup-->", re.DOTALL)


def dates(request, page, *, week_url=None):
    """The coming dates with their places, read only when the part is rendered; the part
    lapses when a date starts, ends or closes its sign-up. A date moved to another room gets
    `week_url(room, day)`, the link to that room's week."""

    def load() -> list[dict]:
        now = timezone.now()
        end = now + datetime.timedelta(days=selectors.UPCOMING_DAYS)
        entries = selectors.entries(
            selectors.between([page], start=now, end=end, with_cancelled=True)
        )
        rows = [
            {"entry": entry, "closes_at": services.signup_closes_at(entry.occurrence)}
            for entry in entries
        ]
        for row in rows:
            row["closed"] = now >= row["closes_at"]
            moved_to = row["entry"].occurrence.own_room
            if moved_to is not None and week_url is not None:
                row["room_week_url"] = week_url(
                    moved_to, recurrence.local(row["entry"].occurrence.starts_at).date()
                )
        closing = [row["closes_at"] for row in rows] if page.has_signup else []
        selectors.lapse_when_one_starts_or_ends(request, entries, *closing)
        return rows

    return SimpleLazyObject(load)


def own_signups(request, page) -> dict[str, SignUp]:
    """The person's active sign-ups for the activity, by day (ISO), one query."""
    if not request.user.is_authenticated or not page.has_signup:
        return {}
    found = SignUp.objects.active().filter(activity=page, user=request.user)
    return {signup.occurrence.isoformat(): signup for signup in found}


def with_own_signups(response, own: dict[str, SignUp]):
    """The rendered page with the person's own sign-ups in place of the places and buttons."""
    if not own:
        return response
    response.render()
    html = response.content.decode()

    def settle(match: re.Match) -> str:
        signup = own.get(match.group(1))
        if signup is None:
            return match.group(0)
        return render_to_string("events/includes/my_signup.html", {"signup": signup})

    response.content = SIGNUP.sub(settle, html).encode()
    return response
