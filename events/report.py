"""The yearly attendance summary: the dates held in a year with their sign-ups and the number
of people who came (entered afterwards), per centre, by kind and organiser, with totals.

What a centre reports to the town, beside the rooms' yearly usage (rooms.admin.staff_views). A fixed
number of queries however many activities and dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from events import recurrence
from events.models import ActivityPage, Attendance, SignUp, with_date_changes
from events.recurrence import WARSAW
from home.models import CentrePage

CENTRE_PATH = 4 * 3  # root, home page, centre: the centre's path is the first 12 characters


@dataclass
class Row:
    centre: CentrePage
    activity: ActivityPage
    day: datetime.date
    starts_at: datetime.datetime
    signed_up: int
    attended: int | None

    @property
    def kind(self) -> str:
        return str(self.activity.get_kind_display())

    @property
    def organiser(self) -> str:
        page = self.activity
        if page.partner_id:
            return page.partner.name
        return page.organiser_name or str(page.get_organiser_display())


@dataclass
class Totals:
    dates: int = 0
    signed_up: int = 0
    attended: int = 0
    without_count: int = 0  # dates held whose attendance nobody entered

    def add(self, row: Row) -> None:
        self.dates += 1
        self.signed_up += row.signed_up
        if row.attended is None:
            self.without_count += 1
        else:
            self.attended += row.attended


@dataclass
class CentreReport:
    centre: CentrePage
    rows: list[Row] = field(default_factory=list)
    total: Totals = field(default_factory=Totals)
    by_kind: dict[str, Totals] = field(default_factory=dict)  # plain dicts: templates
    by_organiser: dict[str, Totals] = field(default_factory=dict)  # look up "items" in them

    @property
    def activities(self) -> int:
        return len({row.activity.pk for row in self.rows})


def yearly(pages, year: int, *, now: datetime.datetime | None = None) -> list[CentreReport]:
    """The dates of `pages` held in `year` (Polish time, up to `now`), per centre."""
    now = now or timezone.now()
    start = datetime.datetime(year, 1, 1, tzinfo=WARSAW)
    end = min(datetime.datetime(year + 1, 1, 1, tzinfo=WARSAW), now)
    pages = list(pages.select_related("partner").prefetch_related(with_date_changes()))
    held = []
    if start < end:
        for page in pages:
            held += recurrence.occurrences(page, start=start, end=end)
    ids = {o.activity.pk for o in held}
    signed = {
        (r["activity_id"], r["occurrence"]): r["n"]
        for r in SignUp.objects.filter(
            activity_id__in=ids, state=SignUp.State.CONFIRMED, occurrence__year=year
        )
        .values("activity_id", "occurrence")
        .annotate(n=Count("pk"))
        .order_by()
    }
    attended = {
        (a.activity_id, a.occurrence): a.attended
        for a in Attendance.objects.filter(activity_id__in=ids, occurrence__year=year)
    }
    centres = {
        c.path: c for c in CentrePage.objects.filter(path__in={p.path[:CENTRE_PATH] for p in pages})
    }
    reports: dict[int, CentreReport] = {}
    for o in sorted(held, key=lambda o: (o.starts_at, o.activity.title)):
        centre = centres.get(o.activity.path[:CENTRE_PATH])
        if centre is None:
            continue
        key = (o.activity.pk, o.key)
        row = Row(centre, o.activity, o.key, o.starts_at, signed.get(key, 0), attended.get(key))
        report = reports.setdefault(centre.pk, CentreReport(centre))
        report.rows.append(row)
        report.total.add(row)
        report.by_kind.setdefault(row.kind, Totals()).add(row)
        report.by_organiser.setdefault(row.organiser, Totals()).add(row)
    return sorted(reports.values(), key=lambda r: r.centre.title)
