"""The exports every consultation offers. Each row query is one statement with annotations
(no query per row) read through .iterator(), so memory does not grow with the data."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from itertools import groupby
from operator import itemgetter

from django.db.models import Count, IntegerField, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from consultations.disclosure import suppress_line, unprotectable
from consultations.models import ConsultationPage
from home.links import page_absolute_url
from outcomes.exports.base import (
    BOOL,
    CHUNK_SIZE,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    JSON,
    Column,
    Export,
    Options,
    pseudonym,
)
from outcomes.exports.registry import register
from proposals.models import Comment, Pledge, Proposal, StatusChange, Support
from voting.models import Ballot, BallotCorrection, Channel, Participation, ResultSnapshot
from voting.services import results as results_service

# --- Proposals -------------------------------------------------------------------------------


def _extra_proposal_columns(consultation: ConsultationPage) -> list[dict]:
    """Columns apps above add to the proposals export (the review's outcome), through the
    `mam_proposal_export_columns` hook: a function of the consultation returning None or
    {"columns": [Column, ...], "values": a function returning {proposal id: {key: value}}}."""
    found = (hook(consultation) for hook in hooks.get_hooks("mam_proposal_export_columns"))
    return [extra for extra in found if extra]


def _proposal_columns(consultation: ConsultationPage, options: Options) -> list[Column]:
    columns = [
        Column("id", _("ID"), INT, 8),
        Column("url", _("Address"), width=40),
        Column("title", _("Title"), width=40),
        Column("description", _("Description"), width=60),
        Column("category", _("Category"), width=20),
        Column("status", _("Status"), width=20),
        Column("official_answer", _("Latest official answer"), width=60),
        Column("latitude", _("Latitude"), DECIMAL, 11),
        Column("longitude", _("Longitude"), DECIMAL, 11),
        Column("place", _("Place"), width=30),
        Column("district", _("District"), width=20),
        Column("estimated_cost", _("Estimated cost (PLN)"), DECIMAL, 14),
        Column("official_cost", _("Official cost (PLN)"), DECIMAL, 14),
        Column("author", _("Author or organisation"), width=24),
        Column("supports", _("Supports"), INT, 10),
        Column("pledges", _("Offers of help"), INT, 10),
        Column("comments", _("Comments"), INT, 10),
        Column("votes", _("Votes"), INT, 10),
        Column("created_at", _("Submitted"), DATETIME, 18),
        Column("updated_at", _("Last changed"), DATETIME, 18),
        Column("rank", _("Place in the result"), INT, 10),
        Column("funded", _("Selected or funded"), BOOL, 10),
        Column("hidden", _("Hidden by a moderator"), BOOL, 10),
        Column("forwarded_to", _("Forwarded to"), width=24),
        Column("answer_due", _("Answer promised by"), DATE, 12),
        Column("overdue", _("Answer overdue"), BOOL, 10),
        Column("status_history", _("Status history"), width=60),
    ]
    for extra in _extra_proposal_columns(consultation):
        columns += extra["columns"]
    if options.include_contact:
        columns += [
            Column("contact_name", _("Author's name (shared by the author)"), width=24),
            Column("contact_email", _("Author's email (shared by the author)"), width=30),
        ]
    return columns


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


def _author_names():
    """`confirmed_organisation or public_name` (accounts.models.User) from a row's fields.

    The labels (the same messages as the model's) are translated once per export, not once
    per row.
    """
    deleted = _("Deleted user")
    resident = _("Resident #%(id)s")

    def author_name(row) -> str:
        if row.author__organisation_confirmed_at and row.author__organisation_name:
            return row.author__organisation_name
        if row.author__deleted_at:
            return deleted
        return row.author__display_name or resident % {"id": row.author_id}

    return author_name


def _status_histories(consultation: ConsultationPage, statuses: dict) -> dict[int, str]:
    """Each proposal's status changes in one line, oldest first ("2026-05-03 Accepted; …"),
    read in one query (a few short strings per proposal)."""
    histories: dict[int, list[str]] = {}
    changes = (
        StatusChange.objects.filter(proposal__consultation=consultation)
        .order_by("proposal_id", "created_at", "pk")
        .values_list("proposal_id", "created_at", "status", "forwarded_to")
    )
    zone = timezone.get_current_timezone()  # once: localdate() looks it up for every call
    for proposal_id, created_at, status, forwarded_to in changes.iterator(chunk_size=CHUNK_SIZE):
        text = f"{created_at.astimezone(zone).date().isoformat()} {statuses.get(status, status)}"
        if forwarded_to:
            text += f" ({forwarded_to})"
        histories.setdefault(proposal_id, []).append(text)
    return {pk: "; ".join(lines) for pk, lines in histories.items()}


def _proposal_rows(consultation: ConsultationPage, options: Options):
    result = _result_by_proposal(consultation)
    # One URL lookup for the export, not one per row: ".../propozycje/0/" minus the "0/".
    detail = consultation.reverse_subpage("proposal_detail", kwargs={"pk": 0})
    url_prefix = page_absolute_url(consultation) + detail.removesuffix("0/")
    at_centre = _("submitted at the centre")
    # Translated once: get_status_display() per row costs more than the rest of the row.
    statuses = {value: str(label) for value, label in proposal_statuses()}
    author_name = _author_names()
    histories = _status_histories(consultation, statuses)
    today = timezone.localdate()
    no_outcome: dict = {}
    extras = [extra["values"]() for extra in _extra_proposal_columns(consultation)]
    rows = proposal_rows_queryset(consultation, options)
    for proposal in rows.iterator(chunk_size=CHUNK_SIZE):
        pk = proposal.pk
        outcome = result.get(pk, no_outcome)
        has_author = proposal.author_id is not None
        row = {
            "id": pk,
            "url": f"{url_prefix}{pk}/",
            "title": proposal.title,
            "description": proposal.body,
            "category": proposal.category__name or "",
            "status": statuses.get(proposal.status, proposal.status),
            "official_answer": proposal.latest_answer or "",
            "latitude": proposal.latitude,
            "longitude": proposal.longitude,
            "place": proposal.place,
            "district": proposal.district__name or "",
            "estimated_cost": proposal.estimated_cost,
            "official_cost": proposal.official_cost,
            "author": author_name(proposal) if has_author else at_centre,
            "supports": proposal.supports_count,
            "pledges": proposal.pledges_total,
            "comments": proposal.comments_count,
            "votes": outcome.get("votes"),
            "created_at": _timestamp(proposal.created_text),
            "updated_at": _timestamp(proposal.updated_text),
            "rank": outcome.get("rank"),
            "funded": outcome.get("selected") if outcome else None,
            "hidden": proposal.hidden_at is not None,
            "forwarded_to": proposal.forwarded_to,
            "answer_due": proposal.answer_due,
            # The rule of proposals.services.status.is_overdue, on the row's fields.
            "overdue": bool(
                proposal.forwarded_to and proposal.answer_due and proposal.answer_due < today
            ),
            "status_history": histories.get(pk, ""),
        }
        for values in extras:
            row.update(values.get(pk, {}))
        if options.include_contact:
            shares = has_author and proposal.author__share_contact_with_officials
            shares = shares and not proposal.author__deleted_at
            full_name = f"{proposal.author__first_name} {proposal.author__last_name}".strip()
            row["contact_name"] = full_name if shares else ""
            row["contact_email"] = proposal.author__email if shares else ""
        yield row


register(
    Export(
        name="proposals",
        label=lambda: _("Proposals"),
        description=lambda: _(
            "Every proposal with its status, latest official answer, place, costs, counts of "
            "supports, offers of help, comments and votes, its place in the result, the body "
            "it was forwarded to with the promised answer date (and whether it is overdue), "
            "and its history of statuses."
        ),
        columns=_proposal_columns,
        rows=_proposal_rows,
        count=lambda consultation, options: _proposal_queryset(consultation).count(),
        offers_contact=True,
    )
)

# --- Comments --------------------------------------------------------------------------------


def _comment_queryset(consultation: ConsultationPage):
    return (
        Comment.objects.filter(
            proposal__consultation=consultation, hidden_at__isnull=True, deleted_at__isnull=True
        )
        .values(
            "pk",
            "proposal_id",
            "proposal__title",
            "parent_id",
            "author_id",
            "is_official",
            "body",
            "created_at",
            "edited_at",
        )
        .order_by("pk")
    )


def _comment_rows(consultation: ConsultationPage, options: Options):
    for comment in _comment_queryset(consultation).iterator(chunk_size=CHUNK_SIZE):
        yield {
            "id": comment["pk"],
            "proposal_id": comment["proposal_id"],
            "proposal": comment["proposal__title"],
            "parent_id": comment["parent_id"],
            "author": pseudonym(comment["author_id"], consultation.pk),
            "official": comment["is_official"],
            "body": comment["body"],
            "created_at": comment["created_at"],
            "edited_at": comment["edited_at"],
        }


register(
    Export(
        name="comments",
        label=lambda: _("Comments"),
        description=lambda: _(
            "Visible comments on the proposals. Authors appear under a pseudonym that stays "
            "the same within this consultation and says nothing about who they are."
        ),
        columns=lambda consultation, options: [
            Column("id", _("ID"), INT, 8),
            Column("proposal_id", _("Proposal ID"), INT, 10),
            Column("proposal", _("Proposal"), width=40),
            Column("parent_id", _("Reply to comment"), INT, 10),
            Column("author", _("Author (pseudonym)"), width=20),
            Column("official", _("Official answer"), BOOL, 10),
            Column("body", _("Comment"), width=60),
            Column("created_at", _("Written"), DATETIME, 18),
            Column("edited_at", _("Edited"), DATETIME, 18),
        ],
        rows=_comment_rows,
        count=lambda consultation, options: _comment_queryset(consultation).count(),
    )
)

# --- Supports per proposal per day and per district (people counts: small cells hidden) ----


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

# --- Paper ballots entered at the centre -----------------------------------------------------


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
