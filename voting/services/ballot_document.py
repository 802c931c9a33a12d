"""The open-data ballot document ("mam-ballots/1") and its JSON and CSV files.

What `publish_results` (voting/services/results.py) freezes and what anyone recounts:
the anonymised ballots with the counting rules and options, built from the database
(`open_data`), written as canonical JSON or CSV, and read back from a CSV (`document_from_csv`).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings

from consultations import counting_rules
from consultations.models import ConsultationPage
from home.links import page_absolute_url
from voting.models import Ballot, TieDraw, counted_ballots
from voting.services.voting import Method, ballot_paper
from voting.tally import FORMAT, canonical_json, money

CSV_COLUMNS = ["ballot_id", "channel", "void", "proposal_id", "question_id", "answer"]


@cache
def code_version() -> str:
    """The commit the server runs: MAM_CODE_VERSION if set, else read from .git, else the
    package version."""
    configured = getattr(settings, "MAM_CODE_VERSION", "")
    if configured:
        return configured
    git = Path(settings.BASE_DIR) / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            loose = git / ref
            if loose.exists():
                return loose.read_text().strip()
            for line in (git / "packed-refs").read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0]
        else:
            return head
    except OSError:
        pass

    try:
        return f"mam {version('mam')}"
    except PackageNotFoundError:
        return "unknown"


def open_data(consultation: ConsultationPage) -> dict:
    """Build the anonymised ballot document ("mam-ballots/1") for `consultation`.

    Ballots are listed by their random id, so the file's order says nothing about who voted
    when. No person, no time, no paper number.
    """
    paper = ballot_paper(consultation)
    method = consultation.voting_method
    rules = _rules(consultation, paper, method)
    return {
        "format": FORMAT,
        "consultation": {
            "id": consultation.pk,
            "title": consultation.title,
            "url": page_absolute_url(consultation),
        },
        "method": method,
        "rules": rules,
        "options": _options(paper, method, rules.get("limits", {})),
        "questions": [{"id": q.pk, "text": q.text} for q in paper.questions],
        "ballots": _ballots(consultation, method, ranked="points" in rules),
    }


def _rules(consultation: ConsultationPage, paper, method: str) -> dict:
    """The counting rules as published: limits, pools, the regulamin's rules and draws."""
    rules: dict = {"double_vote_rule": consultation.double_vote_rule}
    if method == Method.APPROVAL:
        rules |= {"max_choices": consultation.max_choices, "winners": consultation.winners_count}
    if method == Method.BUDGET:
        # The town-wide pool is named after the town, not in the words of whoever publishes
        # (voting.town_pool_name: the ballot and the results page use the same name).
        rules["pools"] = [
            {
                "id": pool.id,
                "name": str(pool.name),
                "amount": money(pool.amount),
            }
            for pool in paper.pools
        ]
    draws = [draw.protocol() for draw in TieDraw.objects.filter(consultation=consultation)]
    return rules | counting_rules.published_rules(consultation, draws)


def _options(paper, method: str, limits: dict) -> list[dict]:
    """The options on the ballot, with what the rules count them by."""
    options = []
    for option in paper.options:
        item = {"id": option.id, "title": option.proposal.title}
        if method == Method.BUDGET:
            item |= {"cost": money(option.cost), "pool": option.pool}
        if "category" in limits:
            item["category"] = option.proposal.category_id
        if "district" in limits:
            item["district"] = option.proposal.district_id
        options.append(item)
    return options


def _ballots(consultation: ConsultationPage, method: str, *, ranked: bool) -> list[dict]:
    """The counted ballots by their random id: channel, void, and the marks."""
    ballots = []
    for ballot in (
        Ballot.objects.filter(counted_ballots(), consultation=consultation)
        .prefetch_related("choices")
        .order_by("id")
    ):
        item = {"id": str(ballot.id), "channel": ballot.channel, "void": not ballot.is_valid}
        choices = list(ballot.choices.all())
        if method == Method.QUESTION:
            item["answers"] = {
                str(choice.question_id): choice.answer for choice in choices if choice.question_id
            }
        else:
            marks = [choice for choice in choices if choice.proposal_id]
            # With points the order is the voter's (first choice first), else by id.
            marks.sort(key=lambda c: ((c.rank or 0) if ranked else 0, c.proposal_id))
            item["choices"] = [choice.proposal_id for choice in marks]
        ballots.append(item)
    return ballots


def ballots_json(document: dict) -> bytes:
    return canonical_json(document)


def ballots_csv(document: dict) -> bytes:
    """The ballots as CSV, one row per mark (a ballot without marks has one empty row).

    UTF-8 with a BOM so that spreadsheet programs set to Polish open it correctly.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for ballot in document["ballots"]:
        head = [ballot["id"], ballot["channel"], "1" if ballot.get("void") else "0"]
        rows = [[str(pk), "", ""] for pk in ballot.get("choices", [])]
        rows += [["", key, answer] for key, answer in sorted(ballot.get("answers", {}).items())]
        for row in rows or [["", "", ""]]:
            writer.writerow(head + row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def document_from_csv(rules_document: dict, data: bytes) -> dict:
    """Rebuild the ballot document from the CSV file and the published rules and options."""
    text = data.decode("utf-8-sig")
    ballots: dict[str, dict] = {}
    for row in csv.DictReader(io.StringIO(text)):
        ballot = ballots.setdefault(
            row["ballot_id"],
            {"id": row["ballot_id"], "channel": row["channel"], "void": row["void"] == "1"},
        )
        if rules_document["method"] == Method.QUESTION:
            answers = ballot.setdefault("answers", {})
            if row["question_id"]:
                answers[row["question_id"]] = row["answer"]
        else:
            choices = ballot.setdefault("choices", [])
            if row["proposal_id"]:
                choices.append(int(row["proposal_id"]))
    return rules_document | {"ballots": list(ballots.values())}
