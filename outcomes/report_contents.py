"""What the council report holds (outcomes/report.py): its figures, rows per district, lines per
proposal and the report itself."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from consultations.models import ConsultationPage
from voting.models import ResultSnapshot

UNKNOWN_DISTRICT = "unknown"


@dataclass
class Figures:
    """How many people took part and what they did."""

    people: int = 0
    authors: int = 0
    commenters: int = 0
    supporters: int = 0
    helpers: int = 0
    voters: int = 0
    proposals: int = 0
    proposals_on_paper: int = 0
    comments: int = 0
    supports: int = 0
    supports_in_person: int = 0
    pledges: int = 0
    votes_online: int = 0
    votes_paper: int = 0

    @property
    def votes(self) -> int:
        return self.votes_online + self.votes_paper


@dataclass
class DistrictRow:
    name: str
    proposals: int
    people: int | str
    voters: int | str


@dataclass
class ProposalLine:
    number: int
    proposal: object
    answer: object  # the latest StatusChange with a public answer, or None
    votes: int | None
    selected: bool


@dataclass
class CouncilReport:
    consultation: ConsultationPage
    centre: object
    generated_at: datetime.datetime
    timeline: list
    figures: Figures
    by_district: list[DistrictRow]
    result: ResultSnapshot | None
    results: dict
    proposals: list[ProposalLine]
    status_rows: list[dict]
    channel_rows: list[dict]
    # The paper vote and the commission's protocol (voting.paper_protocol.report_summary), or
    # None when the vote had no paper channel (section omitted).
    paper: dict | None = field(default=None)
    # Sections other apps add through the `mam_report_sections` hook: dicts with an "id", a
    # "title" and a "template" rendered with `section` (the dict) in the context.
    sections: list[dict] = field(default_factory=list)
