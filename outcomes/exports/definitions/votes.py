"""The vote exports: paper ballots entered at the centre, the published result and the
anonymised ballot files (byte for byte the published ones)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from outcomes.exports.base import (
    CHUNK_SIZE,
    DATETIME,
    DECIMAL,
    INT,
    JSON,
    Column,
    Export,
    Options,
)
from outcomes.exports.registry import register
from voting.models import Ballot, BallotCorrection, Channel, Participation
from voting.services import results as results_service


def _paper_queryset(consultation: ConsultationPage):
    corrections = (
        BallotCorrection.objects.filter(
            ballot__consultation=consultation, ballot__paper_number=OuterRef("paper_number")
        )
        .order_by()
        .values("ballot__consultation")
        .annotate(total=Count("pk"))
        .values("total")
    )
    validity = Ballot.objects.filter(
        consultation=consultation, paper_number=OuterRef("paper_number")
    ).values("void_reason")[:1]
    # Never the voter's name or address, and never the choices: who entered what, when.
    return (
        Participation.objects.filter(consultation=consultation, channel=Channel.PAPER)
        .select_related("entered_by")
        .only("paper_number", "voted_at", "entered_by")
        .annotate(
            corrections=Coalesce(Subquery(corrections, output_field=IntegerField()), Value(0)),
            ballot_void_reason=Subquery(validity),
        )
        .order_by("paper_number", "pk")
    )


def _paper_rows(consultation: ConsultationPage, options: Options):
    # "valid", or why the card does not count, in the words of the paper ballots page.
    validity = {value: str(label) for value, label in Ballot.Void.choices}
    for participation in _paper_queryset(consultation).iterator(chunk_size=CHUNK_SIZE):
        staff = participation.entered_by
        reason = participation.ballot_void_reason or ""
        yield {
            "paper_number": participation.paper_number,
            "entered_by": staff.public_name if staff else "",
            "entered_at": participation.voted_at,
            "corrections": participation.corrections,
            "validity": validity.get(reason, reason),
        }


def _has_vote(consultation: ConsultationPage) -> bool:
    return bool(consultation.voting_method)


register(
    Export(
        name="paper_ballots",
        label=lambda: _("Paper ballots entered"),
        description=lambda: _(
            "The log of paper ballots typed in at the centre: number, who entered it, when, "
            "how many times it was corrected and whether it is valid. Never the voter's name "
            "or choices."
        ),
        columns=lambda consultation, options: [
            Column("paper_number", _("Paper ballot number"), INT, 12),
            Column("entered_by", _("Entered by"), width=24),
            Column("entered_at", _("Entered at"), DATETIME, 18),
            Column("corrections", _("Corrections"), INT, 12),
            Column("validity", _("Valid or void"), width=24),
        ],
        rows=_paper_rows,
        count=lambda consultation, options: _paper_queryset(consultation).count(),
        available=_has_vote,
        unavailable_reason=lambda: _("There is no vote in this consultation."),
    )
)

# --- Results and the anonymised ballots (from the published result) --------------------------


def _results_columns(consultation: ConsultationPage, options: Options) -> list[Column]:
    snapshot = results_service.published_result(consultation)
    method = snapshot.method if snapshot else consultation.voting_method
    if method == "question":
        return [
            Column("id", _("Question ID"), INT, 10),
            Column("text", _("Question"), width=50),
            Column("yes", _("Yes"), INT, 10),
            Column("no", _("No"), INT, 10),
            Column("abstain", _("Abstain"), INT, 10),
            Column("outcome", _("Outcome"), width=12),
        ]
    columns = [
        Column("rank", _("Place"), INT, 8),
        Column("id", _("Proposal ID"), INT, 10),
        Column("title", _("Proposal"), width=40),
        Column("votes", _("Votes"), INT, 10),
    ]
    if method == "budget":
        columns[1:1] = [Column("pool", _("Pool"), width=16)]
        columns.append(Column("cost", _("Cost (PLN)"), DECIMAL, 14))
    # In words, as the results page says it (not 1/0).
    columns.append(Column("selected", _("Selected or funded"), width=10))
    return columns


def _results_rows(consultation: ConsultationPage, options: Options):
    snapshot = results_service.published_result(consultation)
    if snapshot is None:
        return
    figures = snapshot.figures
    # The pool by the name the ballot and the results page give it, not its id ("town").
    pool_names = {pool["id"]: pool["name"] for pool in figures.get("pools", [])}
    answers = {True: _("yes"), False: _("no")}
    for row in figures.get("questions") or figures.get("options") or []:
        row = dict(row)
        if "cost" in row:
            row["cost"] = Decimal(row["cost"])
        if "pool" in row:
            row["pool"] = pool_names.get(row["pool"], row["pool"])
        if "selected" in row:
            row["selected"] = answers[bool(row["selected"])]
        yield row


def _results_count(consultation: ConsultationPage, options: Options) -> int:
    snapshot = results_service.published_result(consultation)
    if snapshot is None:
        return 0
    return len(snapshot.figures.get("questions") or snapshot.figures.get("options") or [])


def _published(consultation: ConsultationPage) -> bool:
    return results_service.published_result(consultation) is not None


register(
    Export(
        name="results",
        label=lambda: _("Results of the vote"),
        description=lambda: _("The published result: votes, places and what was selected."),
        columns=_results_columns,
        rows=_results_rows,
        count=_results_count,
        available=_published,
        unavailable_reason=lambda: _("The results are not published yet."),
    )
)


def _ballot_files(
    consultation: ConsultationPage, export_format: str
) -> tuple[int, Iterator[bytes]] | None:
    """The published ballot files byte for byte, so their SHA-256 checksums still match."""
    # The files stored at publication, read chunk by chunk: no document decoded, no file
    # written again, never the whole file in the process.
    file_format = "json" if export_format == JSON else "csv"
    return results_service.published_file_chunks(consultation, file_format)


register(
    Export(
        name="ballots",
        label=lambda: _("Anonymised ballots"),
        description=lambda: _(
            "Every ballot of the published result, without any person, time or paper number: "
            "the same files as on the results page, with the same checksums."
        ),
        formats=("csv", JSON),
        raw=_ballot_files,
        available=_published,
        unavailable_reason=lambda: _("The results are not published yet."),
    )
)
