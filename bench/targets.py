"""What a benchmark run loads: the tiers' sizes and the endpoints (targets) wrk measures."""

from __future__ import annotations


def tier_sizes(proposals: int) -> dict:
    """The issue's proportions (10 000 proposals: 50 000 comments, 100 000 supports, 20 000
    ballots)."""
    return {
        "proposals": proposals,
        "comments": 5 * proposals,
        "supports": 10 * proposals,
        "ballots": 2 * proposals,
    }


CONTENT_PAGES = [
    ("home", "home page"),
    ("centre", "centre page"),
    ("news", "centre's news"),
    ("news_item", "a news item"),
    ("activities", "activities list"),
    ("activity", "an activity"),
    ("rooms", "rooms list"),
    ("room_week", "a room's week"),
    ("initiatives", "initiatives list"),
    ("initiative", "an initiative"),
    ("implementation", "implementation records (realizacja)"),
]


# Fresh accounts beyond the ballots already cast, for signing in and voting under load.
SPARE_USERS = 1000


TARGETS = [
    ("baseline", "minimal Django view (the yardstick)"),
    ("list", "proposal list, anonymous"),
    ("list_filtered", "proposal list, category + most supported, anonymous"),
    ("detail", "proposal detail with comments, anonymous (50 most supported)"),
    ("list_signed_in", "proposal list, signed-in resident"),
    ("detail_signed_in", "proposal detail with comments, signed-in resident"),
    ("geojson", "map GeoJSON, anonymous"),
    ("results", "results page"),
    ("api", "API proposal list"),
    ("api_detail", "API proposal detail (50 most supported)"),
    ("ballot", "casting a ballot (POST)"),
    # Content pages (issue #17: anonymous ≥ 50 %, signed in ≥ 8 %), and the later apps' pages.
    *[
        (name + suffix, label + who)
        for name, label in CONTENT_PAGES
        for suffix, who in (("", ", anonymous"), ("_signed_in", ", signed-in resident"))
    ],
    ("baseline_last", "minimal Django view, again after the pages (drift check)"),
]


MAIN_TARGETS = {
    "baseline",
    "list",
    "detail",
    "list_signed_in",
    "detail_signed_in",
    "results",
    "baseline_last",
}


SIGNED_IN = {
    "list_signed_in",
    "detail_signed_in",
    "ballot",
    *(name + "_signed_in" for name, _label in CONTENT_PAGES),
}


# Measured after the vote is closed and its result published (a separate phase of the run).
AFTER_PUBLISHING = {"results"}
