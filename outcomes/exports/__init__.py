"""Exports of a consultation's data for officials: CSV, XLSX and JSON, pseudonymised.

Importing the package registers the exports: `definitions` (proposals, comments, supports,
paper ballots, results, ballots). The apps above add theirs through the `mam_exports` hook
(survey responses, implementation).
"""

from outcomes.exports import definitions  # noqa: F401  (they register)
from outcomes.exports.registry import all_exports, get, register

__all__ = ["all_exports", "get", "register"]
