"""The council report's data, field by field, for one finished budget (it proves that splitting
`council_report` into parts kept its output), and its paper protocol section."""

import datetime

import pytest
from django.utils import timezone, translation

from outcomes.report import Figures, council_report
from tests.outcomes.test_report import finished_budget, report_url
from tests.voting.paper_helpers import confirm, enter, paper_vote
from voting import paper_protocol

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2030, 1, 1, 12))


def test_the_report_gathers_every_figure_of_a_finished_budget(home_page):
    consultation, items, _official, snapshot = finished_budget(home_page)
    with translation.override("en"):
        report = council_report(consultation, now=NOW)
        status_rows = [{**row, "label": str(row["label"])} for row in report.status_rows]
        channels = [(str(row["label"]), row["value"]) for row in report.channel_rows]
    assert report.generated_at == NOW
    assert report.figures == Figures(
        people=9, authors=3, voters=6, proposals=3, votes_online=5, votes_paper=1
    )
    lines = [(line.number, line.proposal, line.votes, line.selected) for line in report.proposals]
    assert lines == [(1, items[0], 3, True), (2, items[1], 2, False), (3, items[2], 3, True)]
    assert report.result == snapshot
    assert status_rows == [
        {"label": "selected", "value": 2},
        {"label": "not selected in the vote", "value": 1},
    ]
    assert channels == [("online", 5), ("on paper", 1)]
    assert report.by_district == []
    assert sorted(report.results) == ["method", "pools", "ties", "turnout"]
    assert [pool["id"] for pool in report.results["pools"]] == ["town"]
    assert report.results["turnout"] == {
        "ballots": 6,
        "valid": 6,
        "void": 0,
        "online": 5,
        "paper": 1,
    }
    assert len(report.timeline) == 6


# --- The paper vote and the commission's protocol ------------------------------------------------


def test_a_vote_without_paper_cards_has_no_paper_section(client, home_page):
    consultation, _items, official, _snapshot = finished_budget(home_page, paper=False)
    assert council_report(consultation).paper is None
    client.force_login(official)
    page = client.get(report_url(consultation), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="paper"' not in page


def test_the_paper_section_gives_the_cards_the_protocol_and_that_they_agree(client, home_page):
    consultation, _items, official, _snapshot = finished_budget(home_page)
    paper = council_report(consultation).paper
    assert (paper["cards"], paper["confirmed"], paper["waiting"]) == (1, 1, 0)
    assert (paper["mismatches_settled"], paper["mismatches_open"], paper["status"]) == (
        0,
        0,
        "agrees",
    )
    valid = paper["rows"][3]  # valid cards
    assert (valid["protocol"], valid["entered"], valid["agrees"]) == (1, 1, True)
    client.force_login(official)
    page = client.get(report_url(consultation), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<a href="#paper">' in page
    assert "protocol agrees with the paper cards entered and confirmed" in page


def test_the_paper_section_counts_a_resolved_mismatch_and_shows_staffs_explanation(
    client, home_page
):
    consultation, (first, second, _third), official = paper_vote(home_page)
    enter(consultation, official, 1, [first])
    confirm(consultation, 1, [second])  # a second person typed something else: a mismatch
    confirm(consultation, 1, [first])  # a third agrees with the first: resolved
    enter(consultation, official, 2, [second])
    confirm(consultation, 2, [first])  # still open
    paper_protocol.record_protocol(
        consultation=consultation,
        by=official,
        figures={
            "cards_received": 10,
            "cards_issued": 2,
            "cards_unused": 8,
            "cards_valid": 2,
            "invalid_no_mark": 0,
            "invalid_too_many": 0,
            "invalid_other": 0,
        },
        members="Anna Kowalska",
    )
    paper_protocol.explain_protocol(
        consultation=consultation, by=official, explanation="Karta nr 2 jest w komisji."
    )
    paper = council_report(consultation).paper
    assert (paper["cards"], paper["confirmed"], paper["waiting"]) == (2, 1, 1)
    assert (paper["mismatches_settled"], paper["mismatches_open"]) == (1, 1)
    assert paper["status"] == "explained"
    client.force_login(official)
    page = client.get(report_url(consultation), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Karta nr 2 jest w komisji." in page
    assert "staff explained why" in page
    assert "1 paper card is not confirmed by a second person." in page
