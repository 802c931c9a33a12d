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

The regulamin's counting rules (all optional in "rules"; without them the rules above):
- "tie_rule": how equal votes are ordered: "lower_id" (the proposal submitted earlier),
  "cheaper_then_lower_id" (the cheaper, then the earlier) or "lot" (a public draw). By lot
  the "draws" list gives each draw's outcome, [{"order": [15, 12], "drawn_by": ..., ...}]:
  drawn options come in the order drawn; a deciding tie not drawn yet is listed with
  "decided": false, and MAM refuses to publish such a result.
- "min_votes": the fewest votes an option needs to be selected or funded (1 by default).
- "points": e.g. [3, 2, 1]: a ballot's choices are in the voter's order, the first gets 3
  points, the second 2, the third 1 (further ones none); options are ordered by points (and
  rows say "points"), "votes" still counts the ballots that chose an option.
- "limits": {"category": 2, "district": 1}: the most options of one category (or district,
  from the options' "category" and "district") a ballot may mark; a ballot over a limit is
  void ("over_limit" in the turnout).
- "not_fitting" (budget): "skip" (default: a project that does not fit is skipped and the
  cheaper ones below it are still checked) or "stop" (the walk of the pool stops there).
- "leftover" (budget): money left in a district pool stays "unused" (default), moves to the
  "town" pool (districts are counted first; the district's row says "moved_to_town", the
  town's "moved_in"), or, with "stop", goes to the "next_in_district" projects that fit
  (rows funded that way say "from_leftover"). Money moves once.

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
# Tie-break rules (rules["tie_rule"]); without one, a method's usual rule (DEFAULT_TIE_RULE).
LOWER_ID, CHEAPER, LOT = "lower_id", "cheaper_then_lower_id", "lot"
TIE_RULES = (LOWER_ID, CHEAPER, LOT)
DEFAULT_TIE_RULE = {APPROVAL: LOWER_ID, BUDGET: CHEAPER}
# Money left in a district pool (rules["leftover"]) and a project that does not fit
# (rules["not_fitting"]).
UNUSED, TO_TOWN, NEXT_IN_DISTRICT = "unused", "town", "next_in_district"
SKIP, STOP = "skip", "stop"


def money(value) -> str:
    return f"{Decimal(value):.2f}"


def _known(document) -> dict:
    return {option["id"]: option for option in document.get("options", [])}


def _marks(ballot, known) -> list:
    """The ballot's known options in the order marked, each once (the first mark counts)."""
    seen = []
    for option_id in ballot.get("choices", []):
        if option_id in known and option_id not in seen:
            seen.append(option_id)
    return seen


def _over_limit(ballot, document) -> bool:
    """True when a ballot marks more options of one category (or district) than allowed."""
    limits = document.get("rules", {}).get("limits") or {}
    if not limits:
        return False
    known = _known(document)
    marks = _marks(ballot, known)
    for key, most in limits.items():
        if most:
            groups = Counter(known[pk].get(key) for pk in marks if known[pk].get(key) is not None)
            if any(count > most for count in groups.values()):
                return True
    return False


def _counted(document) -> list:
    """The ballots that count: not void, and within the limits per category and district."""
    return [
        ballot
        for ballot in document["ballots"]
        if not ballot.get("void") and not _over_limit(ballot, document)
    ]


def _valid(ballots):
    return [ballot for ballot in ballots if not ballot.get("void")]


def _turnout(document) -> dict:
    ballots = document["ballots"]
    channels = Counter(ballot.get("channel", "online") for ballot in ballots)
    valid = _valid(ballots)
    turnout = {
        "ballots": len(ballots),
        "valid": len(valid),
        "void": len(ballots) - len(valid),
        "online": channels.get("online", 0),
        "paper": channels.get("paper", 0),
    }
    if document.get("rules", {}).get("limits"):
        over = sum(1 for ballot in valid if _over_limit(ballot, document))
        turnout |= {"valid": len(valid) - over, "void": len(ballots) - len(valid) + over}
        turnout["over_limit"] = over
    return turnout


def _votes(document) -> Counter:
    known = _known(document)
    votes: Counter = Counter()
    for ballot in _counted(document):
        # A ballot counts an option once, however often it lists it.
        for option_id in _marks(ballot, known):
            votes[option_id] += 1
    return votes


def _points(document) -> Counter | None:
    """Points per option (rules["points"], e.g. [3, 2, 1] for the first, second, third
    choice; a mark beyond the list gets none), or None in a vote without points."""
    scale = document.get("rules", {}).get("points")
    if not scale:
        return None
    known = _known(document)
    points: Counter = Counter()
    for ballot in _counted(document):
        for place, option_id in enumerate(_marks(ballot, known)):
            points[option_id] += scale[place] if place < len(scale) else 0
    return points


class _Count:
    """What orders and qualifies the options: votes or points, the minimum, the tie rule."""

    def __init__(self, document, method):
        rules = document.get("rules", {})
        self.votes = _votes(document)
        self.points = _points(document)
        self.score = self.points if self.points is not None else self.votes
        self.min_votes = max(int(rules.get("min_votes") or 1), 1)
        self.tie_rule = rules.get("tie_rule") or DEFAULT_TIE_RULE[method]
        if self.tie_rule not in TIE_RULES:
            raise ValueError(f"Unknown tie rule {self.tie_rule!r}; expected one of {TIE_RULES}")
        self.drawn: dict = {}
        for draw in rules.get("draws", []):
            for place, option_id in enumerate(draw.get("order", [])):
                self.drawn.setdefault(option_id, place)

    def key(self, option):
        pk = option["id"]
        head = (-self.score[pk],)
        if self.tie_rule == LOT:
            return (*head, self.drawn.get(pk, len(self.drawn) + 1), pk)
        if self.tie_rule == CHEAPER:
            return (*head, Decimal(option.get("cost", 0)), pk)
        return (*head, pk)

    def eligible(self, pk) -> bool:
        """At least the minimum of votes (one by default) and, with points, some points."""
        return self.votes[pk] >= self.min_votes and self.score[pk] > 0

    def row(self, option, position) -> dict:
        pk = option["id"]
        row = {"id": pk, "title": option.get("title", ""), "votes": self.votes[pk]}
        if self.points is not None:
            row["points"] = self.points[pk]
        return row | {"rank": position}


def _approval(document) -> dict:
    options = document["options"]
    count = _Count(document, APPROVAL)
    winners = document.get("rules", {}).get("winners") or 0
    ordered = sorted(options, key=count.key)
    rows = []
    chosen = 0
    for position, option in enumerate(ordered, start=1):
        selected = chosen < winners and count.eligible(option["id"])
        chosen += selected
        rows.append(count.row(option, position) | {"selected": selected})
    result = {"options": rows, "total_choices": sum(count.votes.values())}
    return result | _deciding_ties(rows, count)


def _walk(members, pool_left, count, stop: bool):
    """Fund down the ordered list: (funded ids, money left, the index where the walk stopped)."""
    funded, stopped_at = set(), None
    for index, option in enumerate(members):
        if not count.eligible(option["id"]):
            continue
        cost = Decimal(option["cost"])
        if cost <= pool_left:
            funded.add(option["id"])
            pool_left -= cost
        elif stop:
            stopped_at = index
            break
    return funded, pool_left, stopped_at


def _budget(document) -> dict:
    options = document["options"]
    rules = document.get("rules", {})
    count = _Count(document, BUDGET)
    pools = rules.get("pools", [])
    leftover = rules.get("leftover") or UNUSED
    stop = (rules.get("not_fitting") or SKIP) == STOP
    has_town = any(pool["id"] == TOWN_POOL for pool in pools)
    # Money left in the districts moves to the town pool once, so the districts count first.
    order = pools
    if leftover == TO_TOWN and has_town:
        order = [p for p in pools if p["id"] != TOWN_POOL] + [
            p for p in pools if p["id"] == TOWN_POOL
        ]
    moved_in, moved_out, extra = Decimal(0), {}, {}
    funded_all, from_leftover, pool_left, members_of = set(), set(), {}, {}
    for pool in order:
        members = [option for option in options if option.get("pool", TOWN_POOL) == pool["id"]]
        members.sort(key=count.key)
        members_of[pool["id"]] = members
        district = pool["id"] != TOWN_POOL
        available = Decimal(pool["amount"]) + (moved_in if not district and has_town else 0)
        funded, left, stopped_at = _walk(members, available, count, stop)
        if district and leftover == NEXT_IN_DISTRICT and stopped_at is not None:
            # What is left goes, once, to the next projects of the district that fit.
            more, left, _ = _walk(members[stopped_at + 1 :], left, count, stop=False)
            funded |= more
            from_leftover |= more
        if district and leftover == TO_TOWN and has_town:
            moved_out[pool["id"]] = left
            moved_in += left
            left = Decimal(0)
        funded_all |= funded
        pool_left[pool["id"]] = left
        extra[pool["id"]] = available
    rows = _budget_option_rows(pools, members_of, funded_all, from_leftover, count)
    moved_in_shown = moved_in if leftover == TO_TOWN and has_town else None
    pool_rows = _budget_pool_rows(pools, extra, pool_left, moved_out, moved_in_shown)
    result = {"options": rows, "pools": pool_rows, "total_choices": sum(count.votes.values())}
    return result | _deciding_ties(rows, count)


def _budget_option_rows(pools, members_of, funded_all, from_leftover, count: _Count) -> list:
    """One row per option, pool by pool in counting order, saying whether it is funded."""
    rows = []
    for pool in pools:
        for position, option in enumerate(members_of[pool["id"]], start=1):
            funded = option["id"] in funded_all
            row = count.row(option, position)
            row |= {"pool": pool["id"], "cost": money(option["cost"])}
            row |= {"funded": funded, "selected": funded}
            if option["id"] in from_leftover:
                row["from_leftover"] = True
            # Keep the published keys' order: id, title, pool, cost, votes, rank, ...
            rows.append(row)
    return rows


def _budget_pool_rows(pools, available, pool_left, moved_out, moved_in) -> list:
    """The pools' money; `moved_in` (None when nothing moves to the town) is shown on the town."""
    pool_rows = []
    for pool in pools:
        amount = Decimal(pool["amount"])
        spent = available[pool["id"]] - pool_left[pool["id"]] - moved_out.get(pool["id"], 0)
        item = {
            "id": pool["id"],
            "name": pool.get("name", ""),
            "amount": money(amount),
            "spent": money(spent),
            "left": money(pool_left[pool["id"]]),
        }
        if pool["id"] in moved_out:
            item["moved_to_town"] = money(moved_out[pool["id"]])
        if pool["id"] == TOWN_POOL and moved_in is not None:
            item["moved_in"] = money(moved_in)
        pool_rows.append(item)
    return pool_rows


def _deciding_ties(rows, count: _Count) -> dict:
    """{"ties": [...]} for each group of equal votes (or points; within a pool) among options
    that may win, split by the line; else {}. By lot, a tie is "decided" once drawn."""
    groups: dict = {}
    for row in rows:
        if count.eligible(row["id"]):
            score = row["points"] if count.points is not None else row["votes"]
            groups.setdefault((row.get("pool"), score), []).append(row)
    ties = []
    for (pool, score), members in groups.items():
        if len(members) > 1 and len({row["selected"] for row in members}) > 1:
            tie = {
                "votes": score,
                "options": [row["id"] for row in members],
                "selected": [row["id"] for row in members if row["selected"]],
                "rule": count.tie_rule,
            }
            if count.points is not None:
                tie["points"] = tie.pop("votes")
            if count.tie_rule == LOT:
                tie["decided"] = all(row["id"] in count.drawn for row in members)
            if pool is not None:
                tie["pool"] = pool
            ties.append(tie)
    return {"ties": ties} if ties else {}


def undecided_ties(figures: dict) -> list[dict]:
    """The ties to be drawn by lot before the result may be published."""
    return [tie for tie in figures.get("ties", []) if tie.get("decided") is False]


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
    return {"format": FORMAT, "method": method, "turnout": _turnout(document)} | figures


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
