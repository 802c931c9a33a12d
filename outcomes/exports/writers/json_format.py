"""A table as a JSON array of objects, streamed one object per line."""

import datetime
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone

from outcomes.exports.base import Column
from outcomes.exports.writers.rows import _counted


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def json_stream(columns: list[Column], rows: Iterable[dict], *, progress=None) -> Iterator[bytes]:
    """A JSON array of objects keyed by column key, one object per line."""
    keys = [column.key for column in columns]
    yield b"["
    separator = b"\n"
    for row in _counted(rows, progress):
        item = {key: _json_value(row.get(key)) for key in keys}
        yield separator + json.dumps(item, ensure_ascii=False, default=str).encode()
        separator = b",\n"
    yield b"\n]\n"
