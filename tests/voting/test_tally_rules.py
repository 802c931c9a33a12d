"""The regulamin's counting rules in `tally`: each rule's invariants on random ballots, and
one worked example per rule (docs/voting.md and the results page say the same in words)."""

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from voting.services.results import ballots_csv, document_from_csv
from voting.tally import FORMAT, canonical_json, tally, undecided_ties

checked = settings(max_examples=80, deadline=None)

option_ids = st.lists(st.integers(1, 10_000), min_size=1, max_size=8, unique=True)
COSTS = [100, 250, 300, 600]


def _ballots(draw, ids, max_size=25):
    marks = st.lists(st.sampled_from(ids), max_size=5)
    ballots = draw(st.lists(st.tuples(st.booleans(), st.sampled_from(["online", "paper"]), marks)))
    return [
        {"id": f"b{n}", "channel": channel, "void": void, "choices": choices}
        for n, (void, channel, choices) in enumerate(ballots[:max_size])
    ]


def _draws(draw, ids):
    """Sometimes a draw over some of the options (a protocol's outcome)."""
    if not draw(st.booleans()):
        return []
    drawn = draw(st.permutations(ids))
    return [{"order": drawn[: draw(st.integers(1, len(drawn)))], "drawn_by": "Komisja"}]


def _common_rules(draw, ids) -> dict:
    rules: dict = {}
    if draw(st.booleans()):
        rules["min_votes"] = draw(st.integers(1, 4))
    if draw(st.booleans()):
        rules["points"] = draw(st.sampled_from([[3, 2, 1], [5, 3, 1], [2, 1], [1]]))
    tie_rule = draw(st.sampled_from([None, "lower_id", "cheaper_then_lower_id", "lot"]))
    if tie_rule:
        rules["tie_rule"] = tie_rule
    if tie_rule == "lot":
        rules["draws"] = _draws(draw, ids)
    if draw(st.booleans()):
        rules["limits"] = {draw(st.sampled_from(["category", "district"])): draw(st.integers(1, 2))}
    return rules


def _options(draw, ids, pool_ids=None):
    options = []
    for pk in ids:
        option = {"id": pk, "title": f"Projekt {pk}", "category": draw(st.sampled_from([1, 2]))}
        option["district"] = draw(st.sampled_from([7, 8]))
        if pool_ids:
            option |= {
                "cost": f"{draw(st.sampled_from(COSTS))}.00",
                "pool": draw(st.sampled_from(pool_ids)),
            }
        options.append(option)
    return options


@st.composite
def approval_documents(draw):
    ids = draw(option_ids)
    rules = _common_rules(draw, ids) | {"winners": draw(st.integers(0, len(ids) + 1))}
    return {
        "format": FORMAT,
        "method": "approval",
        "rules": rules,
        "options": _options(draw, ids),
        "questions": [],
        "ballots": _ballots(draw, ids),
    }


@st.composite
def budget_documents(draw):
    ids = draw(option_ids)
    pools = [{"id": "town", "name": "Miasto", "amount": f"{draw(st.integers(0, 1500))}.00"}]
    for number in range(draw(st.integers(0, 2))):
        amount = draw(st.integers(0, 900))
        pools.append({"id": f"district-{number}", "name": f"D{number}", "amount": f"{amount}.00"})
    rules = _common_rules(draw, ids) | {"pools": pools}
    rules["leftover"] = draw(st.sampled_from(["unused", "town", "next_in_district"]))
    rules["not_fitting"] = draw(st.sampled_from(["skip", "stop"]))
    return {
        "format": FORMAT,
        "method": "budget",
        "rules": rules,
        "options": _options(draw, ids, [pool["id"] for pool in pools]),
        "questions": [],
        "ballots": _ballots(draw, ids),
    }


any_document = st.one_of(approval_documents(), budget_documents())


def _marks(ballot, known):
    seen = []
    for pk in ballot["choices"]:
        if pk in known and pk not in seen:
            seen.append(pk)
    return seen


def _within_limits(ballot, document) -> bool:
    limits = document["rules"].get("limits") or {}
    known = {option["id"]: option for option in document["options"]}
    for key, most in limits.items():
        groups: dict = {}
        for pk in _marks(ballot, known):
            groups[known[pk][key]] = groups.get(known[pk][key], 0) + 1
        if any(count > most for count in groups.values()):
            return False
    return True


def _counted(document):
    return [b for b in document["ballots"] if not b["void"] and _within_limits(b, document)]


def _money(value) -> Decimal:
    return Decimal(value)


# --- Invariants on random ballots ------------------------------------------------------------


@checked
@given(budget_documents())
def test_no_pool_spends_more_than_its_money_and_every_zloty_is_accounted_for(document):
    figures = tally(document)
    for pool in figures["pools"]:
        funded = [r for r in figures["options"] if r["pool"] == pool["id"] and r["funded"]]
        spent = sum((_money(row["cost"]) for row in funded), Decimal(0))
        available = _money(pool["amount"]) + _money(pool.get("moved_in", 0))
        assert _money(pool["spent"]) == spent <= available
        moved = _money(pool.get("moved_to_town", 0))
        assert spent + _money(pool["left"]) + moved == available


@checked
@given(budget_documents())
def test_leftover_money_moves_exactly_once(document):
    figures = tally(document)
    pools = {pool["id"]: pool for pool in figures["pools"]}
    moved = [_money(p["moved_to_town"]) for p in pools.values() if "moved_to_town" in p]
    if document["rules"]["leftover"] == "town":
        districts = [pool for pk, pool in pools.items() if pk != "town"]
        assert len(moved) == len(districts)
        assert all(_money(pool["left"]) == 0 for pool in districts)
        assert _money(pools["town"]["moved_in"]) == sum(moved, Decimal(0))
    else:
        assert moved == []
        assert "moved_in" not in pools["town"]
    if document["rules"]["leftover"] != "next_in_district":
        assert not any(row.get("from_leftover") for row in figures["options"])


@checked
@given(budget_documents())
def test_with_stop_nothing_below_the_first_project_that_does_not_fit_is_funded(document):
    if document["rules"]["not_fitting"] != "stop":
        return
    figures = tally(document)
    for pool in figures["pools"]:
        rows = [r for r in figures["options"] if r["pool"] == pool["id"]]
        missed = False
        for row in rows:
            eligible = row["votes"] >= document["rules"].get("min_votes", 1)
            eligible = eligible and row.get("points", row["votes"]) > 0
            if not eligible:
                continue
            if missed:
                assert not row["funded"] or row.get("from_leftover")
            elif not row["funded"]:
                missed = True


@checked
@given(any_document)
def test_nothing_is_selected_below_the_minimum_of_votes(document):
    least = document["rules"].get("min_votes", 1)
    for row in tally(document)["options"]:
        if row["selected"]:
            assert row["votes"] >= least


@checked
@given(any_document)
def test_every_deciding_tie_is_flagged_and_by_lot_undecided_until_drawn(document):
    figures = tally(document)
    least = document["rules"].get("min_votes", 1)
    groups: dict = {}
    for row in figures["options"]:
        score = row.get("points", row["votes"])
        if row["votes"] >= least and score > 0:
            groups.setdefault((row.get("pool"), score), set()).add(row["selected"])
    split = sorted((key for key, sides in groups.items() if len(sides) == 2), key=str)
    ties = figures.get("ties", [])
    listed = sorted(((t.get("pool"), t.get("points", t.get("votes"))) for t in ties), key=str)
    assert listed == split
    drawn = {pk for draw in document["rules"].get("draws", []) for pk in draw["order"]}
    for tie in ties:
        if tie["rule"] == "lot":
            # Parenthesised: unparenthesised, Python chains "==" and "<=" into two comparisons.
            assert tie["decided"] == (set(tie["options"]) <= drawn)
        else:
            assert "decided" not in tie
    assert len(undecided_ties(figures)) == sum(1 for t in ties if t.get("decided") is False)


@checked
@given(any_document)
def test_points_add_up_to_the_points_of_every_counted_ballots_places(document):
    scale = document["rules"].get("points")
    figures = tally(document)
    if not scale:
        assert all("points" not in row for row in figures["options"])
        return
    known = {option["id"] for option in document["options"]}
    expected = sum(sum(scale[: len(_marks(ballot, known))]) for ballot in _counted(document))
    assert sum(row["points"] for row in figures["options"]) == expected
    keys = [(-row["points"]) for row in figures["options"] if "pool" not in row]
    assert keys == sorted(keys)


@checked
@given(any_document)
def test_only_ballots_within_the_limits_count(document):
    figures = tally(document)
    known = {option["id"] for option in document["options"]}
    counted = _counted(document)
    assert sum(row["votes"] for row in figures["options"]) == sum(
        len(_marks(ballot, known)) for ballot in counted
    )
    assert figures["turnout"]["valid"] == len(counted)
    assert figures["turnout"]["valid"] + figures["turnout"]["void"] == len(document["ballots"])


@checked
@given(any_document)
def test_recounting_the_published_json_and_csv_gives_the_published_figures(document):
    published = json.loads(canonical_json(document))
    figures = tally(document)
    assert tally(published) == figures
    rules = {key: value for key, value in published.items() if key != "ballots"}
    assert tally(document_from_csv(rules, ballots_csv(published))) == figures


@checked
@given(any_document)
def test_the_default_rules_written_out_count_as_when_left_out(document):
    bare = document | {
        "rules": {k: v for k, v in document["rules"].items() if k in ("winners", "pools")}
    }
    written = bare | {
        "rules": bare["rules"]
        | {"min_votes": 1, "leftover": "unused", "not_fitting": "skip", "limits": {}, "draws": []}
    }
    assert tally(written) == tally(bare)


# --- One example per rule ------------------------------------------------------------------


def _doc(method, options, ballots, **rules):
    return {
        "format": FORMAT,
        "method": method,
        "rules": rules,
        "options": options,
        "questions": [],
        "ballots": [
            {"id": f"b{n}", "channel": "online", "void": False, "choices": choices}
            for n, choices in enumerate(ballots)
        ],
    }


def _budget_options(*specs):
    return [
        {"id": pk, "title": f"P{pk}", "cost": f"{cost}.00", "pool": pool}
        for pk, cost, pool in specs
    ]


def test_a_tie_by_lot_is_undecided_until_drawn_and_then_follows_the_draw():
    options = [{"id": 1, "title": "A"}, {"id": 2, "title": "B"}]
    document = _doc("approval", options, [[1], [2]], winners=1, tie_rule="lot")
    tie = tally(document)["ties"][0]
    assert tie["decided"] is False
    assert undecided_ties(tally(document)) == [tie]
    document["rules"]["draws"] = [{"order": [2, 1], "drawn_by": "Anna Nowak"}]
    figures = tally(document)
    assert [row["id"] for row in figures["options"] if row["selected"]] == [2]
    assert figures["ties"] == [
        {"votes": 1, "options": [2, 1], "selected": [2], "rule": "lot", "decided": True}
    ]


def test_earlier_submission_can_be_the_tie_rule_of_a_budget():
    options = _budget_options((1, 300, "town"), (2, 100, "town"))
    pools = [{"id": "town", "name": "M", "amount": "300.00"}]
    usual = tally(_doc("budget", options, [[1], [2]], pools=pools))
    earlier = tally(_doc("budget", options, [[1], [2]], pools=pools, tie_rule="lower_id"))
    assert [r["id"] for r in usual["options"] if r["funded"]] == [2]
    assert [r["id"] for r in earlier["options"] if r["funded"]] == [1]


def test_a_project_below_the_minimum_of_votes_is_not_funded_though_money_is_left():
    options = _budget_options((1, 100, "town"), (2, 100, "town"))
    pools = [{"id": "town", "name": "M", "amount": "1000.00"}]
    figures = tally(_doc("budget", options, [[1, 2], [1]], pools=pools, min_votes=2))
    assert [(r["id"], r["funded"]) for r in figures["options"]] == [(1, True), (2, False)]


def test_stop_leaves_the_money_when_the_next_project_does_not_fit():
    options = _budget_options((1, 600, "town"), (2, 500, "town"), (3, 100, "town"))
    pools = [{"id": "town", "name": "M", "amount": "1000.00"}]
    ballots = [[1, 2, 3], [1, 2], [1]]
    skip = tally(_doc("budget", options, ballots, pools=pools))
    stop = tally(_doc("budget", options, ballots, pools=pools, not_fitting="stop"))
    assert [r["id"] for r in skip["options"] if r["funded"]] == [1, 3]
    assert [r["id"] for r in stop["options"] if r["funded"]] == [1]
    assert stop["pools"][0]["left"] == "400.00"


def test_district_leftover_moves_to_the_town_pool_once():
    options = _budget_options((1, 300, "town"), (2, 50, "district-1"))
    pools = [
        {"id": "town", "name": "M", "amount": "250.00"},
        {"id": "district-1", "name": "D", "amount": "100.00"},
    ]
    figures = tally(_doc("budget", options, [[1, 2]], pools=pools, leftover="town"))
    town, district = figures["pools"]
    assert district | {} == {
        "id": "district-1",
        "name": "D",
        "amount": "100.00",
        "spent": "50.00",
        "left": "0.00",
        "moved_to_town": "50.00",
    }
    assert (town["moved_in"], town["spent"], town["left"]) == ("50.00", "300.00", "0.00")


def test_district_leftover_goes_to_the_next_projects_of_the_district_after_a_stop():
    options = _budget_options((1, 80, "district-1"), (2, 50, "district-1"), (3, 20, "district-1"))
    pools = [
        {"id": "town", "name": "M", "amount": "0.00"},
        {"id": "district-1", "name": "D", "amount": "100.00"},
    ]
    ballots = [[1, 2, 3], [1, 2], [1]]
    figures = tally(
        _doc(
            "budget", options, ballots, pools=pools, not_fitting="stop", leftover="next_in_district"
        )
    )
    funded = {r["id"]: r.get("from_leftover", False) for r in figures["options"] if r["funded"]}
    assert funded == {1: False, 3: True}


def test_points_three_two_one_order_by_points_not_by_votes():
    options = [{"id": 1, "title": "A"}, {"id": 2, "title": "B"}]
    ballots = [[1, 2], [1, 2], [2]]
    figures = tally(_doc("approval", options, ballots, winners=1, points=[3, 2, 1]))
    assert [(r["id"], r["votes"], r["points"]) for r in figures["options"]] == [
        (1, 2, 6),
        (2, 3, 7),
    ][::-1]
    assert figures["options"][0]["selected"]


def test_a_ballot_over_the_limit_per_category_is_void():
    options = [{"id": 1, "title": "A", "category": 5}, {"id": 2, "title": "B", "category": 5}]
    figures = tally(_doc("approval", options, [[1, 2], [1]], winners=1, limits={"category": 1}))
    assert figures["turnout"] | {} == {
        "ballots": 2,
        "valid": 1,
        "void": 1,
        "online": 2,
        "paper": 0,
        "over_limit": 1,
    }
    assert [r["votes"] for r in figures["options"]] == [1, 0]
