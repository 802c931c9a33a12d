"""The exports every consultation offers. Each row query is one statement with annotations
(no query per row) read through .iterator(), so memory does not grow with the data.

Importing this package registers them, in the order the exports page lists them: proposals,
comments, supports (per day, per district), then the vote (paper ballots, results, ballots).
"""

# The import order is the order of the exports page: proposals first.
from outcomes.exports.definitions.proposals import proposal_rows_queryset, proposal_statuses

# isort: split
from outcomes.exports.definitions import comments, supports, votes  # noqa: F401  (they register)

__all__ = ["proposal_rows_queryset", "proposal_statuses"]
