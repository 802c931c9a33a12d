"""The review of projects before the vote (weryfikacja) and appeals against not admitting one.

Art. 5a ust. 7 u.s.g.: the council's regulamin sets the formal requirements, the rules of
assessment and an appeal procedure; a town sets each of them here, per consultation: the rules
and checklist (rules.py), each proposal's review (reviews.py), appeals (appeals.py).
"""

from review.models.appeals import Appeal
from review.models.reviews import COST_DIGITS, Assessment, Outcome, Review
from review.models.rules import Criterion, ReviewSetup

__all__ = [
    "COST_DIGITS",
    "Appeal",
    "Assessment",
    "Criterion",
    "Outcome",
    "Review",
    "ReviewSetup",
]
