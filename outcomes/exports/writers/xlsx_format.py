"""A table as an XLSX workbook, in openpyxl's write-only mode (one row in memory)."""

import datetime
import re
from collections.abc import Iterable
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from outcomes.exports.base import (
    DATE,
    DATETIME,
    DECIMAL,
    Column,
)
from outcomes.exports.writers.rows import _counted, _local

# Characters XML (and so XLSX) cannot hold.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


NUMBER_FORMATS = {
    DECIMAL: "#,##0.00",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}


def _xlsx_value(value, column: Column):
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, str):
        return ILLEGAL_XML.sub("", value)
    return value


def write_xlsx(
    columns: list[Column], rows: Iterable[dict], target: IO[bytes], *, title: str, progress=None
) -> None:
    """A workbook with typed cells (numbers, dates), a bold frozen header and set widths."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Dane")
    sheet.freeze_panes = "A2"
    for position, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.label))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [NUMBER_FORMATS.get(column.kind) for column in columns]
    for row in _counted(rows, progress):
        cells = []
        for column, number_format in zip(columns, formats, strict=True):
            value = _xlsx_value(row.get(column.key), column)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, not a formula
            elif number_format and value is not None and not isinstance(value, str):
                cell.number_format = number_format
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)
