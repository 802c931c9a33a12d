"""The proposals export: every proposal with its status, answer, costs, counts, place in the
result and status history, read in one statement (plain tuples, no model instances;
proposal_reads.py). On PostgreSQL its CSV is written by the database, byte for byte the same
(proposal_csv.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from consultations.models import ConsultationPage
from home.links import page_absolute_url
from outcomes.exports.base import (
    BOOL,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    Column,
    Export,
    Options,
    batches,
)
from outcomes.exports.definitions import proposal_csv
from outcomes.exports.definitions.proposal_reads import (
    ROWS_PER_QUERY,
    _proposal_queryset,
    _result_by_proposal,
    _status_histories,
    _timestamp,
    proposal_rows_queryset,
    proposal_statuses,
)
from outcomes.exports.registry import register


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


def _author_names(labels):
    """`confirmed_organisation or public_name` (accounts.models.User) from a row's fields.

    The labels (the same messages as the model's) are translated once per export, not once
    per row.
    """
    deleted, resident = labels.deleted, labels.resident

    def author_name(row) -> str:
        if row.author__organisation_confirmed_at and row.author__organisation_name:
            return row.author__organisation_name
        if row.author__deleted_at:
            return deleted
        return row.author__display_name or resident % {"id": row.author_id}

    return author_name


@dataclass(frozen=True)
class _Labels:
    """What is the same for every row, looked up once per export (for both ways of writing
    its rows: make_row here, the database's lines in proposal_csv.py)."""

    result: dict
    url_prefix: str
    at_centre: str
    deleted: str
    resident: str
    statuses: dict
    today: datetime.date
    extras: list


def _labels(consultation: ConsultationPage) -> _Labels:
    # One URL lookup for the export, not one per row: ".../propozycje/0/" minus the "0/".
    detail = consultation.reverse_subpage("proposal_detail", kwargs={"pk": 0})
    return _Labels(
        result=_result_by_proposal(consultation),
        url_prefix=page_absolute_url(consultation) + detail.removesuffix("0/"),
        at_centre=_("submitted at the centre"),
        deleted=_("Deleted user"),
        resident=_("Resident #%(id)s"),
        statuses=_statuses(),
        today=timezone.localdate(),
        extras=[extra["values"]() for extra in _extra_proposal_columns(consultation)],
    )


def _row_maker(labels: _Labels, options: Options):
    """A function of (a row of proposal_rows_queryset, its status history) giving the export's
    row."""
    result, url_prefix, at_centre = labels.result, labels.url_prefix, labels.at_centre
    author_name = _author_names(labels)
    statuses, today, extras = labels.statuses, labels.today, labels.extras
    no_outcome: dict = {}

    def make_row(proposal, history: str) -> dict:
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
            "status_history": history,
        }
        for values in extras:
            row.update(values.get(pk, {}))
        if options.include_contact:
            row.update(_contact(proposal, has_author))
        return row

    return make_row


def _contact(proposal, has_author: bool) -> dict:
    """The author's name and e-mail, only where they agreed to share them with officials."""
    shares = has_author and proposal.author__share_contact_with_officials
    shares = shares and not proposal.author__deleted_at
    full_name = f"{proposal.author__first_name} {proposal.author__last_name}".strip()
    return {
        "contact_name": full_name if shares else "",
        "contact_email": proposal.author__email if shares else "",
    }


def _statuses() -> dict[str, str]:
    # Translated once: get_status_display() per row costs more than the rest of the row.
    return {value: str(label) for value, label in proposal_statuses()}


def _proposal_dicts(consultation: ConsultationPage, options: Options, labels: _Labels):
    make_row = _row_maker(labels, options)
    for batch in batches(proposal_rows_queryset(consultation, options), ROWS_PER_QUERY):
        histories = _status_histories(consultation, labels.statuses, batch[0].pk, batch[-1].pk)
        for proposal in batch:
            yield make_row(proposal, histories.get(proposal.pk, ""))


class _ProposalRows:
    """The export's rows as dicts (every format reads them), and on PostgreSQL its CSV lines
    written by the database (the CSV writer asks `csv_lines` first)."""

    def __init__(self, consultation: ConsultationPage, options: Options):
        self.consultation, self.options = consultation, options

    def __iter__(self):
        return _proposal_dicts(self.consultation, self.options, _labels(self.consultation))

    def csv_lines(self, columns: list[Column], delimiter: str):
        """Each row's line ending in CRLF, as the CSV writer would write it, or None."""
        if not proposal_csv.can_write():
            return None
        labels = _labels(self.consultation)
        known = _known_cells(labels)
        return proposal_csv.csv_lines(
            _proposal_queryset(self.consultation), columns, labels, known, delimiter
        )


def _known_cells(labels: _Labels) -> dict[int, dict]:
    """The cells Python knows, by proposal id: the result's figures, then other apps' columns
    (make_row's order: a later one replaces an earlier)."""
    known: dict[int, dict] = {}
    for pk, outcome in labels.result.items():
        if type(pk) is int:
            selected = outcome.get("selected") if outcome else None
            known[pk] = {
                "votes": outcome.get("votes"),
                "rank": outcome.get("rank"),
                "funded": selected,
            }
    for values in labels.extras:
        for pk, cells in values.items():
            if type(pk) is int:
                known.setdefault(pk, {}).update(cells)
    return known


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
        rows=_ProposalRows,
        count=lambda consultation, options: _proposal_queryset(consultation).count(),
        offers_contact=True,
    )
)
