"""The spreadsheet dialect every MAM download speaks, and the one guard against formulas.

Polish Excel opens a CSV by double-click when it is UTF-8 with a BOM, fields are separated by
semicolons and decimals use a comma; times are Warsaw's, to the second. The consultation
exports (consultations/exports/writers.py) and the admin's listing downloads
(accounts/admin/listings.py) both write it with these helpers.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

BOM = "\ufeff"
DELIMITER = ";"
# A spreadsheet runs a cell that starts with one of these as a formula: never run what
# residents typed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """`text` made inert for a spreadsheet: a leading formula character gets a quote."""
    return "'" + text if text.startswith(FORMULA_START) else text


def local_naive(value: datetime.datetime) -> datetime.datetime:
    """Warsaw time without the zone and the microseconds: what a spreadsheet shows."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None, microsecond=0)


def datetime_text(value: datetime.datetime) -> str:
    return local_naive(value).strftime("%Y-%m-%d %H:%M:%S")


def decimal_text(value: Decimal | float) -> str:
    """A number with the decimal comma (the semicolon dialect's)."""
    return str(value).replace(".", ",")
