"""The "implementation" export on every consultation's exports page: each funded project's
record with its milestones and public timeline, offered through the `mam_exports` hook."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from home.links import absolute_url
from implementation.models import Implementation
from outcomes.exports.base import DATE, DATETIME, DECIMAL, INT, Column, Export, Options


def _queryset(consultation: ConsultationPage):
    return (
        Implementation.objects.public()
        .filter(proposal__consultation=consultation)
        .select_related("proposal__district", "department")
        .prefetch_related("milestones", "timeline")
        .order_by("proposal__title", "pk")
    )


def _columns(consultation: ConsultationPage, options: Options) -> list[Column]:
    return [
        Column("proposal_id", _("Proposal ID"), INT, 8),
        Column("url", _("Address"), width=40),
        Column("title", _("Title"), width=40),
        Column("district", _("District"), width=20),
        Column("department", _("Department responsible"), width=24),
        Column("status", _("Status"), width=16),
        Column("reason", _("Reason for the delay or abandonment"), width=40),
        Column("percent_done", _("Percent done"), INT, 10),
        Column("money_planned", _("Money planned (PLN)"), DECIMAL, 14),
        Column("money_spent", _("Money spent (PLN)"), DECIMAL, 14),
        Column("handover_planned", _("Handover planned"), DATE, 12),
        Column("milestones", _("Milestones"), width=60),
        Column("timeline", _("Timeline"), width=60),
        Column("updated_at", _("Last changed"), DATETIME, 18),
    ]


def _rows(consultation: ConsultationPage, options: Options):
    for record in _queryset(consultation):
        milestones = list(record.milestones.all())
        handover = next((m.planned_on for m in milestones if m.kind == "handover"), None)
        yield {
            "proposal_id": record.proposal_id,
            "url": absolute_url(consultation.sub_url("proposal_detail", pk=record.proposal_id)),
            "title": record.proposal.title,
            "district": record.proposal.district.name if record.proposal.district else "",
            "department": record.department.name if record.department else "",
            "status": str(record.get_status_display()),
            "reason": record.reason,
            "percent_done": record.percent_done,
            "money_planned": record.money_planned,
            "money_spent": record.money_spent,
            "handover_planned": handover,
            "milestones": "; ".join(
                f"{m.name}: {m.planned_on or '—'} / {m.done_on or '—'}" for m in milestones
            ),
            "timeline": " | ".join(
                f"{timezone_day(e.created_at)} {e.text}".replace("\n", " ")
                for e in record.timeline.all()
            ),
            "updated_at": record.updated_at,
        }


def timezone_day(moment) -> str:
    return timezone.localdate(moment).isoformat()


IMPLEMENTATION_EXPORT = Export(
    name="implementation",
    label=lambda: _("Implementation of funded projects"),
    description=lambda: _(
        "Every funded project's implementation record: department, status with its reason, "
        "percent done, money planned and spent, milestones with planned and actual dates, "
        "and the dated public timeline."
    ),
    columns=_columns,
    rows=_rows,
    count=lambda consultation, options: _queryset(consultation).count(),
)
