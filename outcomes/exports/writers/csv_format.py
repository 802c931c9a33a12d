"""A table as CSV (comma, or semicolon with decimal commas for Excel in Polish), streamed."""

import csv
import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.utils import timezone

from home.spreadsheets import BOM, escape_formula
from outcomes.exports.base import (
    BOOL,
    DATE,
    DATETIME,
    DECIMAL,
    INT,
    Column,
)
from outcomes.exports.writers.rows import PROGRESS_EVERY, _counted, _local

STAMP = "%04d-%02d-%02d %02d:%02d:%02d"


class _Line:
    """A file-like object that hands back what csv.writer writes, one line at a time."""

    def write(self, value):
        return value


def _csv_text(value, column: Column, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if column.kind == BOOL and isinstance(value, bool):
        return "1" if value else "0"
    if column.kind == DATETIME and isinstance(value, datetime.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M:%S")
    if column.kind == DATE and isinstance(value, datetime.date):
        return value.isoformat()
    if column.kind == DECIMAL and isinstance(value, Decimal | float | int):
        text = str(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, int | float | Decimal):
        return str(value)
    return escape_formula(str(value))


def _csv_quoter(delimiter: str) -> Callable[[str], str]:
    """Quote a cell exactly as csv.writer (QUOTE_MINIMAL, lines ending in CRLF) would.

    csv.writer looks at every character of every cell in C; most cells need no quotes, and
    four substring searches tell so much faster (a test holds this to csv.writer's output).
    """

    def quote(text: str) -> str:
        if delimiter in text or '"' in text or "\n" in text or "\r" in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    return quote


def _csv_column(
    column: Column, decimal_comma: bool, quote, delimiter: str = ","
) -> Callable[[list], list[str]]:
    """`_csv_text` for one column's values in a chunk of rows, quoted for the file.

    Column by column over a chunk, with the kind decided once: each cell is a step of one
    loop instead of a function call. Each value gives exactly
    `quote(_csv_text(value, column, decimal_comma))` (a test holds them to it, given `quote`
    for `delimiter`); the common cases come first, the rest falls back to `_csv_text`. Dates,
    numbers and 0/1 never hold a quote, a line break or the delimiter (the decimal comma only
    comes with semicolons), so only text is quoted.
    """
    kind = column.kind

    def fallback(value) -> str:
        return "" if value is None else quote(_csv_text(value, column, decimal_comma))

    if kind == DATETIME:
        # Read inside the stream, as timezone.localtime() would read it for each cell.
        return _datetime_cells(timezone.get_current_timezone(), fallback)
    if kind == DECIMAL:
        point = "," if decimal_comma else "."
        return lambda values: [
            str(value).replace(".", point)
            if type(value) is Decimal or type(value) is int
            else fallback(value)
            for value in values
        ]
    if kind == BOOL:
        return lambda values: [
            "1" if value is True else "0" if value is False else fallback(value) for value in values
        ]
    if kind == INT:
        return lambda values: [
            str(value) if type(value) is int else fallback(value) for value in values
        ]

    return _text_cells(delimiter, fallback)


def _datetime_cells(zone, fallback) -> Callable[[list], list[str]]:
    """The datetime column of `_csv_column`, in the local time of `zone`."""

    def datetimes(values: list) -> list[str]:
        texts = []
        for value in values:
            # %-formatting is several times faster than strftime() (and than isoformat()
            # of an aware time) and writes the same "YYYY-MM-DD HH:MM:SS" for four-digit
            # years; the rest go the slow way.
            if type(value) is datetime.datetime:
                if value.utcoffset() is not None:
                    value = value.astimezone(zone)
                if value.year >= 1000:
                    texts.append(
                        STAMP
                        % (
                            value.year,
                            value.month,
                            value.day,
                            value.hour,
                            value.minute,
                            value.second,
                        )
                    )
                    continue
            texts.append(fallback(value))
        return texts

    return datetimes


def _text_cells(delimiter: str, fallback) -> Callable[[list], list[str]]:
    """The text column of `_csv_column`: formula-guarded and quoted where needed."""

    def texts(values: list) -> list[str]:
        found = []
        for value in values:
            if type(value) is str:
                value = escape_formula(value)
                # The quoting, inline: this runs for most cells.
                if delimiter in value or '"' in value or "\n" in value or "\r" in value:
                    value = '"' + value.replace('"', '""') + '"'
                found.append(value)
            elif type(value) is int:
                found.append(str(value))
            else:
                found.append(fallback(value))
        return found

    return texts


# Lines gathered before handing a chunk to the response: one small bytes object per row
# costs a generator step, an encode and (over HTTP) a socket write each.
CSV_LINES_PER_CHUNK = 200


def csv_stream(
    columns: list[Column], rows: Iterable[dict], *, semicolon: bool = False, progress=None
) -> Iterator[bytes]:
    """UTF-8 with a BOM, so Excel set to Polish reads the letters right.

    The semicolon variant is what Excel in Polish opens by double-click: semicolons between
    fields and decimal commas (12,50), as in Polish number formatting. The lines are those
    csv.writer writes (QUOTE_MINIMAL, CRLF), joined here without it.
    """
    delimiter = ";" if semicolon else ","
    writer = csv.writer(_Line(), delimiter=delimiter, lineterminator="\r\n")
    yield (BOM + writer.writerow([str(column.label) for column in columns])).encode()
    # Rows that can have the database write their lines (the proposals on PostgreSQL).
    written = getattr(rows, "csv_lines", None)
    lines = written(columns, delimiter) if written and len(columns) > 1 else None
    if lines is not None:
        yield from _line_chunks(lines, progress)
        return
    quote = _csv_quoter(delimiter)
    cells = [(column.key, _csv_column(column, semicolon, quote, delimiter)) for column in columns]
    join = delimiter.join
    remaining = _counted(rows, progress)
    while chunk := list(itertools.islice(remaining, CSV_LINES_PER_CHUNK)):
        if len(cells) == 1:  # csv.writer quotes a lone empty cell: leave such rows to it
            key, column = cells[0][0], columns[0]
            lines = [writer.writerow([_csv_text(row.get(key), column, semicolon)]) for row in chunk]
            yield "".join(lines).encode()
            continue
        # Each column's values in one C loop (dict.get over the chunk), then formatted.
        texts = [
            format_column(list(map(dict.get, chunk, itertools.repeat(key))))
            for key, format_column in cells
        ]
        yield ("\r\n".join(map(join, zip(*texts, strict=True))) + "\r\n").encode()


def _line_chunks(lines: Iterator[bytes], progress) -> Iterator[bytes]:
    """Finished lines in chunks, counted for the job's progress as `_counted` counts rows."""
    done = 0
    while chunk := list(itertools.islice(lines, PROGRESS_EVERY)):
        done += len(chunk)
        if progress and len(chunk) == PROGRESS_EVERY:
            progress(done)
        yield b"".join(chunk)
    if progress:
        progress(done)


# --- JSON ------------------------------------------------------------------------------------
