"""Writers: a table (columns + rows) as CSV, XLSX or JSON, in constant memory.

CSV and JSON are generators of bytes for a StreamingHttpResponse; XLSX is written to a file
(openpyxl's write-only mode keeps only the current row in memory) and then streamed from it.
One module a format; the package re-exports every name the single module had
(`outcomes.exports.writers.X`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from home.spreadsheets import escape_formula
from outcomes.exports.base import CSV_SEMICOLON, JSON, XLSX, Column
from outcomes.exports.writers.csv_format import (
    CSV_LINES_PER_CHUNK,
    STAMP,
    _csv_column,
    _csv_quoter,
    _csv_text,
    _Line,
    csv_stream,
)
from outcomes.exports.writers.json_format import json_stream
from outcomes.exports.writers.rows import PROGRESS_EVERY, Progress
from outcomes.exports.writers.xlsx_format import ILLEGAL_XML, NUMBER_FORMATS, write_xlsx

__all__ = [
    "CONTENT_TYPES",
    "CSV_LINES_PER_CHUNK",
    "EXTENSIONS",
    "ILLEGAL_XML",
    "NUMBER_FORMATS",
    "PROGRESS_EVERY",
    "STAMP",
    "Progress",
    "_Line",
    "_csv_column",
    "_csv_quoter",
    "_csv_text",
    "csv_stream",
    "escape_formula",
    "json_stream",
    "write_file",
    "write_xlsx",
]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    CSV_SEMICOLON: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    JSON: "application/json",
}
EXTENSIONS = {"csv": "csv", CSV_SEMICOLON: "csv", XLSX: "xlsx", JSON: "json"}


def write_file(
    export_format: str,
    columns: list[Column],
    rows: Iterable[dict],
    target: IO[bytes],
    *,
    title: str,
    progress=None,
) -> None:
    """Write a table in `export_format` to an open binary file (the background jobs' path)."""
    if export_format == XLSX:
        write_xlsx(columns, rows, target, title=title, progress=progress)
        return
    if export_format == JSON:
        chunks = json_stream(columns, rows, progress=progress)
    else:
        chunks = csv_stream(
            columns, rows, semicolon=export_format == CSV_SEMICOLON, progress=progress
        )
    for chunk in chunks:
        target.write(chunk)
