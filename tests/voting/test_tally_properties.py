"""Properties of `tally` that hold for any ballots: what the results page promises, checked.

The rules written on the results page (voting/includes/voting_rule.html) and in
voting/tally.py's docstring are restated here as properties over random documents.
"""

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from voting.services.results import ballots_csv, document_from_csv
from voting.tally import FORMAT, canonical_json, tally

checked = settings(max_examples=60, deadline=None)

option_ids = st.lists(st.integers(1, 10_000), min_size=1, max_size=8, unique=True)
channels = st.sampled_from(["online", "paper"])
ballot_ids = st.uuids().map(str)


def ballot_strategy(choices):
    return st.fixed_dictionaries(
        {"id": ballot_ids, "channel": channels, "void": st.booleans(), "choices": choices}
    )


def unique_ballots(draw, choices, max_size=25):
    ballots = draw(st.lists(ballot_strategy(choices), max_size=max_size))
    seen, result = set(), []
    for ballot in ballots:
        if ballot["id"] not in seen:
            seen.add(ballot["id"])
            result.append(ballot)
    return result


@st.composite
def approval_documents(draw):
    ids = draw(option_ids)
    # Unknown ids and repeats on a ballot are allowed in a file: the rule says they count once
    # or not at all.
    choices = st.lists(st.one_of(st.sampled_from(ids), st.integers(20_000, 20_010)), max_size=6)
    return {
        "format": FORMAT,
        "method": "approval",
        "rules": {"max_choices": len(ids), "winners": draw(st.integers(0, len(ids) + 1))},
        "options": [{"id": pk, "title": f"Propozycja {pk}"} for pk in ids],
        "questions": [],
        "ballots": unique_ballots(draw, choices),
    }


@st.composite
def budget_documents(draw):
    ids = draw(option_ids)
    pools = [{"id": "town", "name": "Całe miasto", "amount": f"{draw(st.integers(0, 2000))}.00"}]
    if draw(st.booleans()):
        pools.append({"id": "district-1", "name": "Wólki", "amount": "500.00"})
    pool_ids = [pool["id"] for pool in pools]
    options = [
        {
            "id": pk,
            "title": f"Propozycja {pk}",
            # Few distinct costs, so equal votes and equal costs both happen.
            "cost": f"{draw(st.sampled_from([100, 250, 300, 600]))}.00",
            "pool": draw(st.sampled_from(pool_ids)),
        }
        for pk in ids
    ]
    choices = st.lists(st.sampled_from(ids), max_size=5, unique=True)
    return {
        "format": FORMAT,
        "method": "budget",
        "rules": {"pools": pools},
        "options": options,
        "questions": [],
        "ballots": unique_ballots(draw, choices),
    }


@st.composite
def question_documents(draw):
    questions = [{"id": pk, "text": f"Pytanie {pk}"} for pk in draw(option_ids)]
    answers = st.dictionaries(
        st.sampled_from([str(q["id"]) for q in questions]),
        st.sampled_from(["yes", "no", "abstain"]),
    )
    ballots = [
        {key: value for key, value in ballot.items() if key != "choices"} | {"answers": answer}
        for ballot, answer in zip(
            unique_ballots(draw, st.just([])),
            draw(st.lists(answers, min_size=25, max_size=25)),
            strict=False,
        )
    ]
    return {
        "format": FORMAT,
        "method": "question",
        "rules": {},
        "options": [],
        "questions": questions,
        "ballots": ballots,
    }


def valid_marks(document) -> int:
    """Valid ballot × distinct known option: the number of votes the rule says there are."""
    known = {option["id"] for option in document["options"]}
    return sum(
        len(set(ballot["choices"]) & known) for ballot in document["ballots"] if not ballot["void"]
    )


# --- Approval ------------------------------------------------------------------------


@checked
@given(approval_documents())
def test_approval_votes_add_up_to_the_valid_choices(document):
    figures = tally(document)
    assert sum(row["votes"] for row in figures["options"]) == valid_marks(document)
    assert figures["total_choices"] == valid_marks(document)
    assert figures["turnout"]["valid"] + figures["turnout"]["void"] == len(document["ballots"])


@checked
@given(approval_documents())
def test_approval_order_is_most_votes_first_then_the_earlier_proposal(document):
    rows = tally(document)["options"]
    keys = [(-row["votes"], row["id"]) for row in rows]
    assert keys == sorted(keys)
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))


@checked
@given(approval_documents())
def test_approval_selects_the_first_winners_that_got_a_vote(document):
    rows = tally(document)["options"]
    winners = document["rules"]["winners"]
    assert [row["selected"] for row in rows] == [
        row["rank"] <= winners and row["votes"] > 0 for row in rows
    ]


# --- Participatory budget ------------------------------------------------------------


@checked
@given(budget_documents())
def test_budget_votes_add_up_to_the_valid_choices(document):
    figures = tally(document)
    assert sum(row["votes"] for row in figures["options"]) == valid_marks(document)


@checked
@given(budget_documents())
def test_budget_funds_within_each_pool_and_accounts_for_every_zloty(document):
    figures = tally(document)
    for pool in figures["pools"]:
        funded = [r for r in figures["options"] if r["pool"] == pool["id"] and r["funded"]]
        spent = sum((Decimal(row["cost"]) for row in funded), Decimal(0))
        assert spent <= Decimal(pool["amount"])
        assert Decimal(pool["spent"]) == spent
        assert Decimal(pool["spent"]) + Decimal(pool["left"]) == Decimal(pool["amount"])


@checked
@given(budget_documents())
def test_budget_order_is_votes_then_cheaper_then_earlier_and_skips_what_does_not_fit(document):
    figures = tally(document)
    for pool in figures["pools"]:
        rows = [row for row in figures["options"] if row["pool"] == pool["id"]]
        keys = [(-row["votes"], Decimal(row["cost"]), row["id"]) for row in rows]
        assert keys == sorted(keys)
        left = Decimal(pool["amount"])
        for row in rows:  # the walk down the list, as the page describes it
            fits = row["votes"] > 0 and Decimal(row["cost"]) <= left
            assert row["funded"] == fits
            if fits:
                left -= Decimal(row["cost"])


# --- Questions -----------------------------------------------------------------------


@checked
@given(question_documents())
def test_question_answers_add_up_and_the_outcome_follows_yes_against_no(document):
    figures = tally(document)
    valid = [ballot for ballot in document["ballots"] if not ballot["void"]]
    assert figures["total_choices"] == sum(len(ballot["answers"]) for ballot in valid)
    for row in figures["questions"]:
        answered = sum(1 for ballot in valid if str(row["id"]) in ballot["answers"])
        assert row["yes"] + row["no"] + row["abstain"] == answered
        expected = "yes" if row["yes"] > row["no"] else "no" if row["no"] > row["yes"] else "tie"
        assert row["outcome"] == expected


# --- The files -----------------------------------------------------------------------


@checked
@given(st.one_of(approval_documents(), budget_documents(), question_documents()))
def test_json_to_csv_and_back_gives_the_same_figures(document):
    published = json.loads(canonical_json(document))
    rules = {key: value for key, value in published.items() if key != "ballots"}
    rebuilt = document_from_csv(rules, ballots_csv(published))
    assert tally(rebuilt) == tally(published)


@checked
@given(st.one_of(approval_documents(), budget_documents(), question_documents()))
def test_the_same_document_always_gives_the_same_figures(document):
    assert canonical_json(tally(document)) == canonical_json(
        tally(json.loads(canonical_json(document)))
    )


# --- Ties that decide ----------------------------------------------------------------------


def _split_groups(figures) -> list[tuple]:
    """Groups of equal votes (>0, per pool) that have options on both sides of the line."""
    groups: dict = {}
    for row in figures["options"]:
        if row["votes"]:
            groups.setdefault((row.get("pool"), row["votes"]), set()).add(row["selected"])
    return sorted((key for key, sides in groups.items() if len(sides) == 2), key=str)


@checked
@given(st.one_of(approval_documents(), budget_documents()))
def test_every_tie_that_decides_is_listed_with_its_rule(document):
    figures = tally(document)
    listed = sorted(((tie.get("pool"), tie["votes"]) for tie in figures.get("ties", [])), key=str)
    assert listed == _split_groups(figures)
    rule = "lower_id" if document["method"] == "approval" else "cheaper_then_lower_id"
    assert all(tie["rule"] == rule for tie in figures.get("ties", []))


def test_a_six_six_tie_for_the_last_place_is_flagged_not_settled_silently():
    ballots = [
        {"id": f"b{n}", "channel": "online", "void": False, "choices": [2]} for n in range(6)
    ]
    ballots += [
        {"id": f"c{n}", "channel": "online", "void": False, "choices": [1]} for n in range(6)
    ]
    document = {
        "format": FORMAT,
        "method": "approval",
        "rules": {"winners": 1},
        "options": [{"id": 1, "title": "Plac A"}, {"id": 2, "title": "Plac B"}],
        "questions": [],
        "ballots": ballots,
    }
    figures = tally(document)
    assert figures["ties"] == [{"votes": 6, "options": [1, 2], "selected": [1], "rule": "lower_id"}]


def test_a_result_without_a_deciding_tie_has_no_ties_key():
    """Results published before ties were listed still count to the same figures (MATCH)."""
    ballots = [{"id": "a", "channel": "online", "void": False, "choices": [1, 2]}]
    document = {
        "format": FORMAT,
        "method": "approval",
        "rules": {"winners": 2},
        "options": [{"id": 1, "title": "A"}, {"id": 2, "title": "B"}],
        "questions": [],
        "ballots": ballots,
    }
    assert "ties" not in tally(document)
