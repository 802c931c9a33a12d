"""RESULTS.md is still written when a later tier fails before its pages were counted."""

from bench.report import _queries


def test_a_tier_without_query_counts_leaves_its_cells_empty():
    report = {"queries": {1000: {"home page, anonymous": {"queries": 0}}}}
    lines = _queries(report, [1000, 10000])
    assert "| home page, anonymous | 0 |  |" in lines
