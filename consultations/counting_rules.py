"""The regulamin's counting rules a consultation sets, as choices, as the published "rules"
of the ballot file (voting/tally.py applies them), and checked together.

Everything left empty keeps the rule MAM always used, so results published before these
rules existed count the same (voting/tally.py's defaults).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The rules' names in the ballot file, as voting/tally.py reads them (consultations sits below
# voting and may not import it; tests/voting/test_counting_rules.py holds the two equal).
LOWER_ID, CHEAPER, LOT = "lower_id", "cheaper_then_lower_id", "lot"
TO_TOWN, NEXT_IN_DISTRICT = "town", "next_in_district"
STOP = "stop"

POINTS_PATTERN = re.compile(r"^\d{1,3}(,\d{1,3}){0,9}$")


class TieRule(models.TextChoices):
    USUAL = "", _("the usual rule (approval: submitted earlier; budget: cheaper, then earlier)")
    EARLIER = LOWER_ID, _("the proposal submitted earlier comes first")
    CHEAPER = CHEAPER, _("the cheaper proposal comes first, then the earlier one")
    LOT = LOT, _("by lot, drawn in public with a protocol")


class NotFitting(models.TextChoices):
    SKIP = "", _("is skipped, and cheaper proposals below it are still funded if they fit")
    STOP = STOP, _("stops the funding of that pool")


class Leftover(models.TextChoices):
    UNUSED = "", _("stays unused")
    TOWN = TO_TOWN, _("moves to the town-wide pool")
    NEXT = NEXT_IN_DISTRICT, _("goes to the next proposals of the district that fit")


def parse_points(text: str) -> list[int]:
    """ "3,2,1" -> [3, 2, 1]; "" -> [] (no points: one vote per choice)."""
    text = (text or "").replace(" ", "")
    if not text:
        return []
    if not POINTS_PATTERN.match(text):
        raise ValidationError(_("Write the points as numbers separated by commas, e.g. 3,2,1."))
    return [int(part) for part in text.split(",")]


def check(page) -> None:
    """Raise ValidationError (by field) when the consultation's rules do not fit together."""
    method = page.VotingMethod
    errors = {}
    try:
        points = parse_points(page.points)
    except ValidationError as error:
        errors["points"] = error.messages
        points = []
    if points:
        if page.voting_method != method.APPROVAL:
            errors["points"] = _("Points are given in an approval vote only.")
        elif any(value <= 0 for value in points) or points != sorted(points, reverse=True):
            errors["points"] = _("Give each place some points, the first place most (e.g. 3,2,1).")
        elif page.max_choices and page.max_choices > len(points):
            errors["max_choices"] = _(
                "With points a voter may choose as many proposals as there are places with "
                "points (%(count)s)."
            ) % {"count": len(points)}
    if page.tie_rule == TieRule.CHEAPER and page.voting_method != method.BUDGET:
        errors["tie_rule"] = _("Only proposals of a participatory budget have a cost.")
    if page.leftover == Leftover.NEXT and page.not_fitting != NotFitting.STOP:
        errors["leftover"] = _(
            "Without stopping at a proposal that does not fit, the money left already goes "
            "to the next proposals of the district: choose another rule."
        )
    if errors:
        raise ValidationError(errors)


def published_rules(page, draws: list[dict]) -> dict:
    """The counting rules as the ballot file publishes them (only those that are set)."""
    rules: dict = {}
    method = page.VotingMethod
    if page.tie_rule:
        rules["tie_rule"] = page.tie_rule
    if page.tie_rule == TieRule.LOT:
        rules["draws"] = draws
    if page.min_votes and page.min_votes > 1:
        rules["min_votes"] = page.min_votes
    points = parse_points(page.points)
    if points and page.voting_method == method.APPROVAL:
        rules["points"] = points
    limits = {}
    if page.max_per_category:
        limits["category"] = page.max_per_category
    if page.max_per_district:
        limits["district"] = page.max_per_district
    if limits:
        rules["limits"] = limits
    if page.voting_method == method.BUDGET:
        if page.not_fitting:
            rules["not_fitting"] = page.not_fitting
        if page.leftover:
            rules["leftover"] = page.leftover
    return rules


def page_rules(page) -> dict:
    """The rules as the page sets them now (for the words before a result is published)."""
    return published_rules(page, draws=[])


def shown_rules(page) -> dict:
    """Every rule the pages put in words before a result is published (voting_rule.html)."""
    return {
        "max_choices": page.max_choices,
        "winners": page.winners_count,
        "double_vote_rule": page.double_vote_rule,
    } | page_rules(page)
