"""Read everything the council report (raport z konsultacji) shows, in a fixed number of queries.

`council_report(consultation)` gathers the purpose and timeline, who took part and how, the
published result with its checksums, every proposal with its latest official answer, and the
other apps' sections (surveys, the review, implementation) through `mam_report_sections`.
Counts of people in small groups are hidden by consultations.disclosure.suppress, so that a
district's figures never point at a neighbour.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail import hooks

from consultations import selectors
from consultations.models import ConsultationPage
from outcomes.report_contents import (  # noqa: F401  (re-exported: outcomes.report.Figures, ...)
    UNKNOWN_DISTRICT,
    CouncilReport,
    DistrictRow,
    Figures,
    ProposalLine,
)
from outcomes.report_reads import (
    _activity,
    _by_district,
    _district_of,
    _figures,
    _proposal_lines,
    _published_snapshot,
    _result_sections,
    _status_rows,
)
from voting import paper_protocol
from voting.models import Channel


def council_report(
    consultation: ConsultationPage, now: datetime.datetime | None = None
) -> CouncilReport:
    """Gather the council report of `consultation` (about ten queries, whatever its size)."""
    now = now or timezone.now()
    centre = consultation.centre
    timeline = selectors.timeline(consultation, now)
    activity = _activity(consultation)
    snapshot = _published_snapshot(consultation)
    district_of = _district_of(activity)
    figures = _figures(activity, district_of)
    return CouncilReport(
        consultation=consultation,
        centre=centre,
        generated_at=now,
        timeline=timeline,
        figures=figures,
        by_district=_by_district(centre, activity, district_of),
        result=snapshot,
        results=_result_sections(snapshot),
        proposals=_proposal_lines(activity.proposals, snapshot),
        status_rows=_status_rows(activity.proposals),
        channel_rows=[
            {"label": Channel.ONLINE.label, "value": figures.votes_online},
            {"label": Channel.PAPER.label, "value": figures.votes_paper},
        ],
        paper=paper_protocol.report_summary(consultation),
        sections=_extra_sections(consultation),
    )


def _extra_sections(consultation: ConsultationPage) -> list[dict]:
    """Other apps' sections (surveys, the review of projects, ...), in hook order; None is
    skipped."""
    found = (hook(consultation) for hook in hooks.get_hooks("mam_report_sections"))
    return [section for section in found if section]
