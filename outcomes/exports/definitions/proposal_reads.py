"""What the proposals export reads: one statement of plain tuples per batch of proposals,
their status histories in one more, and the published result's figures.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, IntegerField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from consultations.models import ConsultationPage
from outcomes.exports.base import Options
from proposals.models import Pledge, Proposal, StatusChange
from voting.models import ResultSnapshot

# Proposals read by one query (with one more for their status histories): a few kilobytes
# each, so memory stays bounded, and at most a couple of round trips for a typical edition.
ROWS_PER_QUERY = 2000

# What a row needs, read as plain tuples: building three model instances (proposal, author,
# category) per row cost more than everything else the export does.
_PROPOSAL_FIELDS = (
    "pk",
    "title",
    "body",
    "category__name",
    "status",
    "latest_answer",
    "latitude",
    "longitude",
    "place",
    "district__name",
    "estimated_cost",
    "official_cost",
    "author_id",
    "author__organisation_name",
    "author__organisation_confirmed_at",
    "author__display_name",
    "author__deleted_at",
    "supports_count",
    "pledges_total",
    "comments_count",
    "created_text",
    "updated_text",
    "hidden_at",
    "forwarded_to",
    "answer_due",
)
_CONTACT_FIELDS = (
    "author__share_contact_with_officials",
    "author__first_name",
    "author__last_name",
    "author__email",
)


def _proposal_queryset(consultation: ConsultationPage):
    latest_answer = (
        StatusChange.objects.filter(proposal=OuterRef("pk"))
        .exclude(answer="")
        .order_by("-created_at", "-pk")
        .values("answer")[:1]
    )
    pledges = (
        Pledge.objects.filter(proposal=OuterRef("pk"))
        .order_by()
        .values("proposal")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return (
        Proposal.objects.filter(consultation=consultation)
        .annotate(
            latest_answer=Subquery(latest_answer),
            pledges_total=Coalesce(Subquery(pledges, output_field=IntegerField()), Value(0)),
            # Read as text and parsed by datetime.fromisoformat (see _timestamp).
            created_text=Cast("created_at", TextField()),
            updated_text=Cast("updated_at", TextField()),
        )
        .order_by("pk")
    )


def _timestamp(text: str) -> datetime.datetime:
    """A timestamp read as text, as the aware datetime the ORM would have given.

    Django loads PostgreSQL's timestamptz through a Python subclass of psycopg's loader, which
    psycopg cannot swap for its C version: two such columns took a third of the export's
    reading time. PostgreSQL writes "2026-05-03 08:30:00.5+00", SQLite the UTC time without
    an offset.
    """
    value = datetime.datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=datetime.UTC)


def proposal_rows_queryset(consultation: ConsultationPage, options: Options):
    """The one statement the proposals export reads: exactly the columns its rows need."""
    fields = _PROPOSAL_FIELDS + (_CONTACT_FIELDS if options.include_contact else ())
    return _proposal_queryset(consultation).values_list(*fields, named=True)


def proposal_statuses():
    return Proposal.Status.choices


def _published_snapshots(consultation: ConsultationPage):
    """results.published_result() as a queryset, to read one of its documents alone."""
    return ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)


def _result_by_proposal(consultation: ConsultationPage) -> dict[int, dict]:
    # Only the figures: the snapshot's ballots document (megabytes of JSON at 20 000
    # ballots) would be read and decoded for nothing.
    figures = _published_snapshots(consultation).values_list("figures", flat=True).first()
    if figures is None:
        return {}
    return {row["id"]: row for row in figures.get("options", [])}


def _status_histories(
    consultation: ConsultationPage, statuses: dict, first: int, last: int
) -> dict[int, str]:
    """Each proposal's status changes in one line, oldest first ("2026-05-03 Accepted; …"),
    for the proposals with pks first..last, read in one query."""
    histories: dict[int, list[str]] = {}
    changes = (
        StatusChange.objects.filter(
            proposal__consultation=consultation, proposal_id__gte=first, proposal_id__lte=last
        )
        .order_by("proposal_id", "created_at", "pk")
        .annotate(created_text=Cast("created_at", TextField()))
        .values_list("proposal_id", "created_text", "status", "forwarded_to")
    )
    zone = timezone.get_current_timezone()  # once: localdate() looks it up for every call
    for proposal_id, created_text, status, forwarded_to in changes:
        day = _timestamp(created_text).astimezone(zone).date().isoformat()
        text = f"{day} {statuses.get(status, status)}"
        if forwarded_to:
            text += f" ({forwarded_to})"
        histories.setdefault(proposal_id, []).append(text)
    return {pk: "; ".join(lines) for pk, lines in histories.items()}
