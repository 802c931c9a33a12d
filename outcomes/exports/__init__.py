"""Exports of a consultation's data for officials: CSV, XLSX and JSON, pseudonymised.

Importing the package registers the exports: `definitions` (proposals, comments, supports,
paper ballots, results, ballots) and `survey` (survey responses). Another module adds an
export with `registry.register(Export(...))`.
"""

from outcomes.exports import definitions, survey  # noqa: F401  (they register)
from outcomes.exports.registry import all_exports, get, register

__all__ = ["all_exports", "get", "register"]
