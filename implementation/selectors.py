"""Reads of implementation records shared by the public pages, the API, the report and exports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from consultations.models import ConsultationPage
from home.models import CentrePage
from implementation.models import Implementation, Milestone, Status, TimelineEntry
from proposals.models import Proposal
from voting.models import ResultSnapshot

# A proposal is funded once selected in a published vote; the later statuses keep it funded.
FUNDED = (Proposal.Status.SELECTED, Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED)


def records(
    consultation: ConsultationPage, *, status: str = "", district_id: int | None = None
) -> list[Implementation]:
    """The consultation's public records with their project and department (one query)."""
    found = (
        Implementation.objects.public()
        .filter(proposal__consultation=consultation)
        .select_related("proposal__district", "department")
        .order_by("proposal__title", "pk")
    )
    if status:
        found = found.filter(status=status)
    if district_id:
        found = found.filter(proposal__district_id=district_id)
    return list(found)


def record_of(proposal: Proposal) -> Implementation | None:
    """The proposal's record with its milestones, photos and timeline (four queries), or None."""
    record = (
        Implementation.objects.filter(proposal=proposal)
        .select_related("department")
        .prefetch_related("milestones", "photos", Prefetch("timeline", TimelineEntry.objects.all()))
        .first()
    )
    if record is not None:
        record.proposal = proposal
    return record


@dataclass
class Totals:
    count: int = 0
    planned: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    by_status: Counter = field(default_factory=Counter)

    @property
    def status_rows(self) -> list[tuple[str, str, int]]:
        return [(value, label, self.by_status[value]) for value, label in Status.choices]


def totals(found: list[Implementation]) -> Totals:
    """Money planned and spent and the count per status of the records given."""
    result = Totals(count=len(found))
    for record in found:
        result.planned += record.money_planned or 0
        result.spent += record.money_spent
        result.by_status[record.status] += 1
    return result


def consultation_numbers(consultation: ConsultationPage) -> dict:
    """Funded projects, records, counts per status and money, for the council report."""
    found = records(consultation)
    funded = Proposal.objects.filter(consultation=consultation, status__in=FUNDED).count()
    return {"funded": funded, "totals": totals(found)}


@dataclass
class Edition:
    consultation: ConsultationPage
    year: int
    funded: int
    totals: Totals


def editions(centre: CentrePage) -> list[Edition]:
    """Every consultation of the centre with a published result and funded projects, newest
    first, with what its vote delivered (four queries whatever their number)."""
    consultations = {
        c.pk: c for c in ConsultationPage.objects.live().public().descendant_of(centre).specific()
    }
    published = dict(
        ResultSnapshot.objects.filter(
            consultation_id__in=consultations, published_at__isnull=False
        ).values_list("consultation_id", "published_at")
    )
    funded = Counter(
        Proposal.objects.visible()
        .filter(consultation_id__in=published, status__in=FUNDED)
        .values_list("consultation_id", flat=True)
    )
    by_consultation: dict[int, list] = {pk: [] for pk in published}
    for record in (
        Implementation.objects.public()
        .filter(proposal__consultation_id__in=published)
        .only("status", "money_planned", "money_spent", "proposal__consultation_id")
        .select_related("proposal")
    ):
        by_consultation[record.proposal.consultation_id].append(record)
    result = [
        Edition(
            consultation=consultations[pk],
            year=published[pk].year,
            funded=funded[pk],
            totals=totals(found),
        )
        for pk, found in by_consultation.items()
        if funded[pk] or found
    ]
    return sorted(result, key=lambda e: (-e.year, e.consultation.title))


def next_milestone(record: Implementation) -> Milestone | None:
    """The first milestone not done yet (milestones prefetched)."""
    return next((m for m in record.milestones.all() if not m.done_on), None)
