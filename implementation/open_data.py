"""The implementation records as open data (JSON and CSV) beside the vote's ballot files.

Public fields only: what the project page shows (status with its reason, percent done,
money, department, milestones, the dated public timeline). No internal notes, no person:
who changed a record is not in the files."""

from __future__ import annotations

import csv
import io
import json

from django.db.models import Prefetch
from django.utils import timezone

from consultations.models import ConsultationPage
from home.links import absolute_url, page_absolute_url
from implementation.models import Implementation, TimelineEntry

FORMAT = "mam-implementation/1"
CSV_COLUMNS = [
    "proposal_id",
    "title",
    "url",
    "district",
    "department",
    "status",
    "reason",
    "percent_done",
    "money_planned",
    "money_spent",
    "milestones",
    "updated_at",
]


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _records(consultation: ConsultationPage):
    return (
        Implementation.objects.public()
        .filter(proposal__consultation=consultation)
        .select_related("proposal__district", "department")
        .prefetch_related(
            "milestones",
            Prefetch(
                "timeline",
                TimelineEntry.objects.only(
                    "implementation_id", "text", "note", "status", "percent_done", "created_at"
                ),
            ),
        )
        .order_by("proposal__title", "pk")
    )


def document(consultation: ConsultationPage) -> dict:
    """Every public record of the consultation with its milestones and timeline (4 queries)."""
    records = []
    for record in _records(consultation):
        proposal = record.proposal
        records.append(
            {
                "proposal_id": proposal.pk,
                "title": proposal.title,
                "url": absolute_url(consultation.sub_url("proposal_detail", pk=proposal.pk)),
                "district": proposal.district.name if proposal.district_id else "",
                "department": record.department.name if record.department_id else "",
                "status": record.status,
                "reason": record.reason,
                "percent_done": record.percent_done,
                "money_planned": _money(record.money_planned),
                "money_spent": _money(record.money_spent),
                "milestones": [
                    {
                        "kind": m.kind,
                        "name": m.name,
                        "planned_on": m.planned_on.isoformat() if m.planned_on else None,
                        "done_on": m.done_on.isoformat() if m.done_on else None,
                    }
                    for m in record.milestones.all()
                ],
                "timeline": [
                    {
                        "date": timezone.localtime(entry.created_at).isoformat(),
                        "text": entry.text,
                        "note": entry.note,
                        "status": entry.status,
                        "percent_done": entry.percent_done,
                    }
                    for entry in record.timeline.all()
                ],
                "updated_at": timezone.localtime(record.updated_at).isoformat(),
            }
        )
    return {
        "format": FORMAT,
        "consultation": {
            "id": consultation.pk,
            "title": consultation.title,
            "url": page_absolute_url(consultation),
        },
        "records": records,
    }


def as_json(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def as_csv(doc: dict) -> bytes:
    """One row per record; milestones as "name: planned / done" joined by "; ".

    UTF-8 with a BOM so that spreadsheet programs set to Polish open it correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in doc["records"]:
        row = dict(record)
        row["milestones"] = "; ".join(
            f"{m['name']}: {m['planned_on'] or '—'} / {m['done_on'] or '—'}"
            for m in record["milestones"]
        )
        writer.writerow(["" if row[key] is None else row[key] for key in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
