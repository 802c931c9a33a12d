"""Counting votes: one function, `tally`, from the published ballot file to the result.

This module uses only the Python standard library, so anyone can recompute a published
result without installing MAM:

    python voting/tally.py karty.json          # prints the result as JSON

The input is the open-data document published with every result (format "mam-ballots/1"):

    {"format": "mam-ballots/1",
     "method": "approval" | "budget" | "question",
     "rules": {"max_choices": 3, "winners": 2,                     # approval
               "pools": [{"id": "town", "name": "...", "amount": "500000.00"}, ...]},  # budget
     "options": [{"id": 12, "title": "...", "cost": "120000.00", "pool": "town"}, ...],
     "questions": [{"id": 1, "text": "..."}],
     "ballots": [{"id": "<random uuid>", "channel": "online" | "paper", "void": false,
                  "choices": [12, 15]                    # approval and budget: option ids
                  # question: "answers": {"1": "yes", "2": "abstain"}
                 }, ...]}

The rules, written out (the results page says the same in words):
- Only ballots that are not void count. A choice of an unknown option is not counted.
- Approval: options are ordered by votes, most first; equal votes are ordered by the option's
  id (the proposal submitted earlier first). The first `winners` options with at least one
  vote are selected.
- Participatory budget: within each pool, options are ordered by votes, most first; equal
  votes by cost, cheaper first (so the money goes further), then by id. Walking down the
  list, an option with at least one vote is funded if its cost fits in what is left of its
  pool; one that does not fit is skipped and the walk goes on (the usual Polish rule).
- Question: each question counts yes, no and abstain; the answer is "yes" when yes > no,
  "no" when no > yes, and "tie" otherwise. Abstentions count towards turnout only.
- Ties that decide: when options with the same number of votes (at least one) end up on
  both sides of the line (some selected or funded, some not), the tie-break rule decided
  between them. The result then lists each such tie under "ties" (absent when there is
  none), with the options in the order the rule put them and the rule's name ("lower_id";
  "cheaper_then_lower_id" in a budget), so that nobody learns of it by accident.

Money is handled as Decimal and written as strings with two decimal places.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from decimal import Decimal

FORMAT = "mam-ballots/1"
APPROVAL, BUDGET, QUESTION = "approval", "budget", "question"
METHODS = (APPROVAL, BUDGET, QUESTION)
ANSWERS = ("yes", "no", "abstain")
TOWN_POOL = "town"


def money(value) -> str:
    return f"{Decimal(value):.2f}"


def _valid(ballots):
    return [ballot for ballot in ballots if not ballot.get("void")]


def _turnout(ballots) -> dict:
    channels = Counter(ballot.get("channel", "online") for ballot in ballots)
    valid = _valid(ballots)
    return {
        "ballots": len(ballots),
        "valid": len(valid),
        "void": len(ballots) - len(valid),
        "online": channels.get("online", 0),
        "paper": channels.get("paper", 0),
    }


def _votes(options, ballots) -> Counter:
    known = {option["id"] for option in options}
    votes: Counter = Counter()
    for ballot in _valid(ballots):
        # A ballot counts an option once, however often it lists it.
        for option_id in set(ballot.get("choices", [])):
            if option_id in known:
                votes[option_id] += 1
    return votes


def _approval(document) -> dict:
    options = document["options"]
    votes = _votes(options, document["ballots"])
    winners = document.get("rules", {}).get("winners") or 0
    ordered = sorted(options, key=lambda option: (-votes[option["id"]], option["id"]))
    rows = []
    for position, option in enumerate(ordered, start=1):
        count = votes[option["id"]]
        rows.append(
            {
                "id": option["id"],
                "title": option.get("title", ""),
                "votes": count,
                "rank": position,
                "selected": position <= winners and count > 0,
            }
        )
    result = {"options": rows, "total_choices": sum(votes.values())}
    return result | _deciding_ties(rows, rule="lower_id")


def _budget(document) -> dict:
    options = document["options"]
    votes = _votes(options, document["ballots"])
    pools = document.get("rules", {}).get("pools", [])
    left = {pool["id"]: Decimal(pool["amount"]) for pool in pools}
    spent = dict.fromkeys(left, Decimal(0))
    rows = []
    for pool in pools:
        members = [option for option in options if option.get("pool", TOWN_POOL) == pool["id"]]
        members.sort(
            key=lambda option: (-votes[option["id"]], Decimal(option["cost"]), option["id"])
        )
        for position, option in enumerate(members, start=1):
            cost = Decimal(option["cost"])
            count = votes[option["id"]]
            funded = count > 0 and cost <= left[pool["id"]]
            if funded:
                left[pool["id"]] -= cost
                spent[pool["id"]] += cost
            rows.append(
                {
                    "id": option["id"],
                    "title": option.get("title", ""),
                    "pool": pool["id"],
                    "cost": money(cost),
                    "votes": count,
                    "rank": position,
                    "funded": funded,
                    "selected": funded,
                }
            )
    result = {
        "options": rows,
        "pools": [
            {
                "id": pool["id"],
                "name": pool.get("name", ""),
                "amount": money(pool["amount"]),
                "spent": money(spent[pool["id"]]),
                "left": money(left[pool["id"]]),
            }
            for pool in pools
        ],
        "total_choices": sum(votes.values()),
    }
    return result | _deciding_ties(rows, rule="cheaper_then_lower_id")


def _deciding_ties(rows, rule: str) -> dict:
    """{"ties": [...]} for each group of equal votes (within a pool) split by the line, else {}."""
    groups: dict = {}
    for row in rows:
        if row["votes"] > 0:
            groups.setdefault((row.get("pool"), row["votes"]), []).append(row)
    ties = []
    for (pool, count), members in groups.items():
        if len(members) > 1 and len({row["selected"] for row in members}) > 1:
            tie = {
                "votes": count,
                "options": [row["id"] for row in members],
                "selected": [row["id"] for row in members if row["selected"]],
                "rule": rule,
            }
            if pool is not None:
                tie["pool"] = pool
            ties.append(tie)
    return {"ties": ties} if ties else {}


def _question(document) -> dict:
    results = []
    total = 0
    valid = _valid(document["ballots"])
    for question in document.get("questions", []):
        key = str(question["id"])
        counts = Counter()
        for ballot in valid:
            answer = ballot.get("answers", {}).get(key)
            if answer in ANSWERS:
                counts[answer] += 1
        total += sum(counts.values())
        yes, no = counts.get("yes", 0), counts.get("no", 0)
        outcome = "yes" if yes > no else "no" if no > yes else "tie"
        results.append(
            {
                "id": question["id"],
                "text": question.get("text", ""),
                "yes": yes,
                "no": no,
                "abstain": counts.get("abstain", 0),
                "outcome": outcome,
            }
        )
    return {"questions": results, "total_choices": total}


def tally(document: dict) -> dict:
    """Count the ballots of an open-data document and return the result's figures.

    The same document always gives the same figures (no clock, no randomness), which is what
    lets anyone check a published result.
    """
    if document.get("format") != FORMAT:
        raise ValueError(f"Expected a {FORMAT} document, got {document.get('format')!r}")
    method = document.get("method")
    if method == APPROVAL:
        figures = _approval(document)
    elif method == BUDGET:
        figures = _budget(document)
    elif method == QUESTION:
        figures = _question(document)
    else:
        raise ValueError(f"Unknown voting method {method!r}; expected one of {METHODS}")
    return {"format": FORMAT, "method": method, "turnout": _turnout(document["ballots"])} | (
        figures
    )


def canonical_json(document) -> bytes:
    """The bytes MAM publishes (and hashes) for a document: sorted keys, UTF-8, a final newline."""
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python tally.py BALLOTS.json", file=sys.stderr)  # noqa: T201
        return 2
    with open(argv[0], encoding="utf-8") as handle:
        document = json.load(handle)
    sys.stdout.buffer.write(canonical_json(tally(document)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
