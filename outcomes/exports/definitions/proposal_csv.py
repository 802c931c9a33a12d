"""The proposals export's CSV lines written by PostgreSQL, byte for byte as the writers would.

Reading 27 columns a row into Python and formatting them there took four times as long as
PostgreSQL's COPY of the same query. On PostgreSQL the export's one statement gives each cell
as outcomes.exports.writers.csv_format would before quoting (the formula guard, local times,
decimal commas; an empty cell as NULL), and `COPY (…) TO STDOUT (FORMAT csv)` quotes them by
csv.writer's rule (a cell holding the delimiter, a quote, CR or LF; quotes doubled): one
statement whatever the size, streamed a row at a time; Python only ends each row in CRLF
instead of LF. The few cells Python knows (the published result's figures, columns other apps
add) are formatted by the writers' own column functions and passed in as one JSON value by
proposal id.
Elsewhere (SQLite), or in a time zone PostgreSQL cannot be told by name, `csv_lines` answers
None and the writers format the rows. tests/outcomes/test_exports_csv_sql.py holds both to
the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from django.db import connection
from django.utils import timezone
from psycopg.pq import TransactionStatus
from psycopg.sql import Literal

from home.spreadsheets import FORMULA_START
from outcomes.exports.base import BOOL, DATE, DATETIME, DECIMAL, INT, Column
from outcomes.exports.writers import _csv_column, _csv_quoter
from proposals.models import StatusChange

# Python's str.strip() whitespace, for the contact name's f"{first} {last}".strip().
PY_WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
ZONE_NAME = re.compile(r"[A-Za-z0-9_+/-]+")


class _Sql:
    """Values written into the statement as literals, quoted by psycopg (COPY takes no
    parameters: psycopg would merge them on the client all the same)."""

    def __init__(self, raw_connection):
        self.raw_connection = raw_connection

    def param(self, value, cast: str = "") -> str:
        return Literal(value).as_string(self.raw_connection) + cast


def _text(expr: str) -> str:
    """`_text_cells` before quoting: the formula guard; an empty text is NULL (COPY writes
    NULL as nothing and '' as two quotes). ascii() reads the first character, 0 for ''."""
    starts = ", ".join(str(ord(char)) for char in FORMULA_START)
    return (
        f"(CASE WHEN ascii({expr}) IN ({starts}) THEN '''' || {expr}"
        f" WHEN ascii({expr}) = 0 THEN NULL ELSE {expr} END)"
    )


def _cell(expr: str, kind: str, delimiter: str, zone: str) -> str:
    """A cell of `kind` from a value that may be NULL (an empty cell), as `_csv_column`
    writes it before quoting."""
    if kind == INT:
        return f"({expr})::text"
    if kind == DECIMAL:  # the semicolon dialect's decimal comma
        return f"replace(({expr})::text, '.', ',')" if delimiter == ";" else f"({expr})::text"
    if kind == BOOL:
        return f"(CASE WHEN {expr} THEN '1' WHEN NOT {expr} THEN '0' END)"
    if kind == DATE:  # "YYYY-MM-DD" in the ISO date style (_copied sets it)
        return f"({expr})::text"
    if kind == DATETIME:
        return _local_time(f"(({expr}) AT TIME ZONE {zone})")
    return _text(expr)


def _local_time(local: str) -> str:
    """STAMP of a local time, to the second. A timestamp cut to the second writes the same
    in the ISO style, several times faster than to_char(); glibc's %Y (the writers' way for
    years before 1000) writes those years without zeros, as to_char's FM does."""
    return (
        f"(CASE WHEN {local} >= '1000-01-01' THEN date_trunc('second', {local})::text"
        f" ELSE to_char({local}, 'FMYYYY-MM-DD HH24:MI:SS') END)"
    )


def _case(sql: _Sql, expr: str, labels: dict[str, str]) -> str:
    """`labels.get(value, value)` in SQL."""
    whens = " ".join(
        f"WHEN {sql.param(key)} THEN {sql.param(label)}" for key, label in labels.items()
    )
    return f"(CASE {expr} {whens} ELSE {expr} END)" if labels else expr


def _author(sql: _Sql, labels) -> str:
    """`_author_names()`'s rule, or "submitted at the centre" without an author."""
    marker = "\x00"
    parts = [sql.param(part) for part in (labels.resident % {"id": marker}).split(marker)]
    resident = " || p.author_id::text || ".join(parts)
    return (
        f"(CASE WHEN p.author_id IS NULL THEN {sql.param(labels.at_centre)}"
        " WHEN p.organisation_confirmed_at IS NOT NULL AND p.organisation_name <> ''"
        " THEN p.organisation_name"
        f" WHEN p.deleted_at IS NOT NULL THEN {sql.param(labels.deleted)}"
        " WHEN p.display_name <> '' THEN p.display_name"
        f" ELSE {resident} END)"
    )


def _history(sql: _Sql, statuses: dict[str, str], zone: str) -> str:
    """`_status_histories` for the row's proposal: "2026-05-03 Accepted (body); …" (the
    columns are the model's field names)."""
    table = StatusChange._meta.db_table
    day = f"(change.created_at AT TIME ZONE {zone})::date::text"
    label = _case(sql, "change.status", statuses)
    forwarded = (
        "CASE WHEN change.forwarded_to <> '' THEN ' (' || change.forwarded_to || ')' ELSE '' END"
    )
    aggregate = f"string_agg({day} || ' ' || {label} || {forwarded}, '; '"
    where = f"FROM {table} AS change WHERE change.proposal_id = p.id"
    return f"COALESCE((SELECT {aggregate} ORDER BY change.created_at, change.id) {where}), '')"


# The proposal query's columns, in order, named for the statement around it.
READ = (
    ("id", "pk"),
    ("title", "title"),
    ("body", "body"),
    ("category_name", "category__name"),
    ("status", "status"),
    ("latest_answer", "latest_answer"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("place", "place"),
    ("district_name", "district__name"),
    ("estimated_cost", "estimated_cost"),
    ("official_cost", "official_cost"),
    ("author_id", "author_id"),
    ("organisation_name", "author__organisation_name"),
    ("organisation_confirmed_at", "author__organisation_confirmed_at"),
    ("display_name", "author__display_name"),
    ("deleted_at", "author__deleted_at"),
    ("supports_count", "supports_count"),
    ("pledges_total", "pledges_total"),
    ("comments_count", "comments_count"),
    ("created_at", "created_at"),
    ("updated_at", "updated_at"),
    ("hidden_at", "hidden_at"),
    ("forwarded_to", "forwarded_to"),
    ("answer_due", "answer_due"),
    ("share_contact", "author__share_contact_with_officials"),
    ("first_name", "author__first_name"),
    ("last_name", "author__last_name"),
    ("email", "author__email"),
)


def _values(sql: _Sql, labels, zone: str) -> dict[str, str]:
    """Each column computed by the database: the value `make_row` gives, as SQL."""
    shares = "(p.author_id IS NOT NULL AND p.share_contact AND p.deleted_at IS NULL)"
    full_name = f"btrim(p.first_name || ' ' || p.last_name, {sql.param(PY_WHITESPACE)})"
    return {
        "id": "p.id",
        "url": f"{sql.param(labels.url_prefix)} || p.id::text || '/'",
        "title": "p.title",
        "description": "p.body",
        "category": "COALESCE(p.category_name, '')",
        "status": _case(sql, "p.status", labels.statuses),
        "official_answer": "COALESCE(p.latest_answer, '')",
        "latitude": "p.latitude",
        "longitude": "p.longitude",
        "place": "p.place",
        "district": "COALESCE(p.district_name, '')",
        "estimated_cost": "p.estimated_cost",
        "official_cost": "p.official_cost",
        "author": _author(sql, labels),
        "supports": "p.supports_count",
        "pledges": "p.pledges_total",
        "comments": "p.comments_count",
        "created_at": "p.created_at",
        "updated_at": "p.updated_at",
        "hidden": "(p.hidden_at IS NOT NULL)",
        "forwarded_to": "p.forwarded_to",
        "answer_due": "p.answer_due",
        "overdue": "(p.forwarded_to <> '' AND p.answer_due IS NOT NULL"
        f" AND p.answer_due < {sql.param(labels.today, '::date')})",
        "status_history": "p.history",
        "contact_name": f"(CASE WHEN {shares} THEN {full_name} ELSE '' END)",
        "contact_email": f"(CASE WHEN {shares} THEN p.email ELSE '' END)",
    }


def _known_cells(
    sql: _Sql, columns: list[Column], known: dict[int, dict], delimiter: str
) -> tuple[str, dict[str, str]] | None:
    """The cells Python knows ({proposal id: {key: value}}), formatted by the writers' own
    column functions, as one JSON object by proposal id: (the row's array in it, {key: its
    cell}); None if a cell holds what JSON in PostgreSQL cannot (a NUL)."""
    cells = {column.key: f"(p.known ->> {number})" for number, column in enumerate(columns)}
    ids = list(known)
    if not columns or not ids:
        return "NULL::jsonb", cells
    decimal_comma = delimiter == ";"
    quote = _csv_quoter(delimiter)
    texts = []
    for column in columns:
        values = [known[pk].get(column.key) for pk in ids]
        written = _csv_column(column, decimal_comma, quote, delimiter)(values)
        texts.append([_unquoted(text) for text in written])
    by_id = {str(pk): list(row) for pk, row in zip(ids, zip(*texts, strict=True), strict=True)}
    document = json.dumps(by_id, ensure_ascii=False)
    if "\\u0000" in document:
        return None
    return f"({sql.param(document)}::jsonb -> p.id::text)", cells


def _unquoted(cell: str) -> str | None:
    """A cell as the writers wrote it, unquoted for COPY to quote again by the same rule."""
    if cell.startswith('"'):
        return cell[1:-1].replace('""', '"')
    return cell or None


def _zone_name() -> str | None:
    """The current time zone's name where the database can write the lines, else None."""
    zone_name = getattr(timezone.get_current_timezone(), "key", None)
    if connection.vendor != "postgresql" or not ZONE_NAME.fullmatch(zone_name or ""):
        return None
    return zone_name


def can_write() -> bool:
    return _zone_name() is not None


def csv_lines(
    queryset, columns: list[Column], labels, known: dict[int, dict], delimiter: str
) -> Iterator[bytes] | None:
    """The export's lines (UTF-8, each ending in CRLF) written by PostgreSQL, or None where it
    cannot write them as the writers would (another database, a zone without a name)."""
    zone_name = _zone_name()
    if zone_name is None:
        return None
    connection.ensure_connection()
    sql = _Sql(connection.connection)
    zone = sql.param(zone_name)
    values = _values(sql, labels, zone)
    if any(key in values for cells in known.values() for key in cells):
        return None  # another app's column replaces one of the export's own
    known_columns = [column for column in columns if column.key not in values]
    found = _known_cells(sql, known_columns, known, delimiter)
    if found is None:
        return None
    known_row, known_cells = found
    cells = [
        known_cells.get(column.key) or _cell(values[column.key], column.kind, delimiter, zone)
        for column in columns
    ]
    read = queryset.order_by().values_list(*(field for _name, field in READ))
    inner = connection.ops.compose_sql(*read.query.sql_with_params())
    # OFFSET 0 keeps PostgreSQL from pulling the subqueries (the latest answer, the
    # history) up into every cell that names their value: each is computed once a row.
    # Ordered there, the rows need no sort of the finished lines (which took as long as
    # formatting them). Every value in the statement is a literal quoted by psycopg.
    names = ", ".join(name for name, _field in READ)
    history = _history(sql, labels.statuses, zone)
    rows = (
        f"SELECT p.*, {history} AS history, {known_row} AS known"  # noqa: S608
        f" FROM ({inner}) AS p({names}) ORDER BY p.id OFFSET 0"
    )
    statement = f"SELECT {', '.join(cells)} FROM ({rows}) AS p ORDER BY p.id"  # noqa: S608
    return _copied(f"COPY ({statement}) TO STDOUT (FORMAT csv, DELIMITER '{delimiter}')")


def _copied(statement: str) -> Iterator[bytes]:
    """COPY's rows as they arrive: one statement, memory flat whatever the size.

    Without JIT (the many cell expressions of a few thousand rows cross its cost threshold,
    and compiling them took longer than running the whole statement) and with dates in the
    ISO style, both for this statement alone: set and put back as they were, one round trip
    each (a transaction's SET LOCAL would take two more).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('jit'), current_setting('datestyle'),"
            " set_config('jit', 'off', false), set_config('datestyle', 'ISO, YMD', false)"
        )
        jit, datestyle, *_set = cursor.fetchone()
        try:
            with cursor.cursor.copy(statement) as copy:
                # PostgreSQL sends each row in a message of its own, ending in its LF.
                for row in copy:
                    yield bytes(row[:-1]) + b"\r\n"
        finally:
            # In a failed transaction its rollback takes the settings back.
            if connection.connection.info.transaction_status != TransactionStatus.INERROR:
                cursor.execute(
                    "SELECT set_config('jit', %s, false), set_config('datestyle', %s, false)",
                    [jit, datestyle],
                )
