"""What an export is: typed columns and a stream of rows, written by any of the writers.

An export definition knows nothing about file formats; the writers (writers.py) know nothing
about proposals. Rows are plain dicts keyed by column key, produced lazily from database
iterators, so every format is written in constant memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

TEXT, INT, DECIMAL, DATE, DATETIME, BOOL = "text", "int", "decimal", "date", "datetime", "bool"

CSV, CSV_SEMICOLON, XLSX, JSON = "csv", "csv_semicolon", "xlsx", "json"
ALL_FORMATS = (CSV, CSV_SEMICOLON, XLSX, JSON)

# Rows fetched from the database at a time: memory stays flat whatever the export's size.
CHUNK_SIZE = 500


def batches(queryset: QuerySet, size: int = CHUNK_SIZE) -> Iterator[list]:
    """A queryset ordered by pk, read `size` rows at a time, each batch by its own query.

    Keyset pages (pk > the last one read) rather than iterator(): on PostgreSQL iterator()
    opens a server-side cursor declared WITH HOLD outside a transaction, which PostgreSQL
    first copies whole into a temporary store; that took as long as the export's query.
    Rows must have a `pk` (model instances, or values_list(..., named=True) with "pk").
    """
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        batch = list(page[:size])
        if batch:
            yield batch
        if len(batch) < size:
            return
        last = batch[-1].pk


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    width: int = 16


@dataclass(frozen=True)
class Options:
    """What the person exporting chose beyond the format."""

    include_contact: bool = False


@dataclass(frozen=True)
class Export:
    """One export of a consultation's data.

    `columns(consultation, options)` and `rows(consultation, options)` describe a table;
    `count` says how many rows it will have (to choose between streaming now and a background
    job). An export of ready-made files (the published ballots) gives `raw(consultation,
    format)` instead, returning (size, the bytes in chunks) or None, always streamed at once.
    """

    name: str
    label: Callable[[], str]
    description: Callable[[], str]
    columns: Callable[..., list[Column]] | None = None
    rows: Callable[..., Iterable[dict]] | None = None
    count: Callable[..., int] = field(default=lambda consultation, options: 0)
    formats: tuple[str, ...] = ALL_FORMATS
    raw: Callable[..., tuple[int, Iterator[bytes]] | None] | None = None
    available: Callable[..., bool] = field(default=lambda consultation: True)
    # Shown beside the export when it is not available (no published result yet, ...).
    unavailable_reason: Callable[[], str] = field(default=lambda: "")
    offers_contact: bool = False


def pseudonym(user_id: int, consultation_id: int) -> str:
    """A participant's stable name within one consultation that reveals nobody.

    A keyed hash (the server's SECRET_KEY) of user and consultation: the same person gets the
    same pseudonym in every export of this consultation, and a different one elsewhere, so
    exports of two consultations cannot be joined on it.
    """
    digest = salted_hmac(
        "mam.exports.pseudonym", f"{user_id}:{consultation_id}", secret=settings.SECRET_KEY
    ).hexdigest()
    return _("Participant %(code)s") % {"code": digest[:6]}
