"""Supports per proposal per day and per district: people counts, small cells hidden
(consultations.disclosure)."""

from __future__ import annotations

from itertools import groupby
from operator import itemgetter

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from consultations.disclosure import suppress_line, unprotectable
from consultations.models import ConsultationPage
from outcomes.exports.base import (
    CHUNK_SIZE,
    DATE,
    INT,
    Column,
    Export,
    Options,
)
from outcomes.exports.registry import register
from proposals.models import Support


def _supports_daily_queryset(consultation: ConsultationPage):
    return (
        Support.objects.filter(proposal__consultation=consultation)
        .annotate(day=TruncDate("created_at"))
        .values("proposal_id", "proposal__title", "day")
        .annotate(people=Count("pk"))
        .order_by("proposal_id", "day")
    )


def _suppressed_per_proposal(rows):
    """Hide small counts within each proposal's rows: its total number of supports is
    published (on its page and in the proposals export), so each proposal is a line with a
    known total (consultations.disclosure). A proposal supported on one day only, by fewer
    than five people, is left out: its published total would give the day's count back."""
    for _proposal, group in groupby(rows, key=itemgetter("proposal_id")):
        group = list(group)
        counts = [row["people"] for row in group]
        if unprotectable(counts):
            continue
        shown = suppress_line(counts)
        yield from zip(group, shown, strict=True)


def _supports_daily_rows(consultation: ConsultationPage, options: Options):
    rows = _supports_daily_queryset(consultation).iterator(chunk_size=CHUNK_SIZE)
    for row, supports in _suppressed_per_proposal(rows):
        yield {
            "proposal_id": row["proposal_id"],
            "proposal": row["proposal__title"],
            "day": row["day"],
            "supports": supports,
        }


register(
    Export(
        name="supports_daily",
        label=lambda: _("Supports per proposal per day"),
        description=lambda: _(
            "How many people supported each proposal on each day. Fewer than 5 is shown "
            "as “<5”, and where the proposal's total would give that away another day is "
            "hidden too (“hidden”), so that nobody can be recognised."
        ),
        columns=lambda consultation, options: [
            Column("proposal_id", _("Proposal ID"), INT, 10),
            Column("proposal", _("Proposal"), width=40),
            Column("day", _("Day"), DATE, 12),
            Column("supports", _("Supports"), INT, 10),
        ],
        rows=_supports_daily_rows,
        count=lambda consultation, options: _supports_daily_queryset(consultation).count(),
    )
)


def _supports_district_queryset(consultation: ConsultationPage):
    return (
        Support.objects.filter(proposal__consultation=consultation)
        .values("proposal_id", "proposal__title", "user__district__name")
        .annotate(people=Count("pk"))
        .order_by("proposal_id", "user__district__name")
    )


def _supports_district_rows(consultation: ConsultationPage, options: Options):
    unknown = _("not given")
    rows = _supports_district_queryset(consultation).iterator(chunk_size=CHUNK_SIZE)
    for row, supports in _suppressed_per_proposal(rows):
        yield {
            "proposal_id": row["proposal_id"],
            "proposal": row["proposal__title"],
            "district": row["user__district__name"] or unknown,
            "supports": supports,
        }


register(
    Export(
        name="supports_district",
        label=lambda: _("Supports per proposal by district"),
        description=lambda: _(
            "How many supporters of each proposal live in each district (as they said on "
            "their profile). Fewer than 5 is shown as “<5”, and where the proposal's total "
            "would give that away another district is hidden too (“hidden”)."
        ),
        columns=lambda consultation, options: [
            Column("proposal_id", _("Proposal ID"), INT, 10),
            Column("proposal", _("Proposal"), width=40),
            Column("district", _("District"), width=20),
            Column("supports", _("Supports"), INT, 10),
        ],
        rows=_supports_district_rows,
        count=lambda consultation, options: _supports_district_queryset(consultation).count(),
    )
)
