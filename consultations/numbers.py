"""How MAM writes a share as a percentage: rounded half up, with the language's decimal mark.

Django's `number_format` cuts a Decimal's digits off instead of rounding (8 of 48 would be
"16,6"), so every page, the report and the exports go through `percent` instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def share(part, whole, places: int = 1) -> Decimal:
    """`part` as a percentage of `whole`, rounded half up to `places` (0 when `whole` is 0)."""
    if not whole:
        return Decimal(0).quantize(Decimal(1).scaleb(-places))
    exact = Decimal(part) * 100 / Decimal(whole)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part, whole, places: int = 1) -> str:
    """`part` of `whole` as the active language writes it: 8 of 48 is "16,7" in Polish."""
    return number_format(share(part, whole, places), places)
