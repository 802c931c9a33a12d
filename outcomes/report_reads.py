"""The reads behind the council report (outcomes/report.py): everyone's activity in a few
queries, the figures and rows per district (small counts hidden), the published result shaped
for tables, and a line per proposal."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations.disclosure import suppress_line
from consultations.models import ConsultationPage
from home.models import District
from outcomes.report_contents import DistrictRow, Figures, ProposalLine
from proposals.models import Comment, Pledge, Proposal, StatusChange, Support
from voting.models import Ballot, Channel, ResultSnapshot
from voting.services.results import deciding_ties
from voting.services.voting import TOWN_POOL, Method, counted_participations


def _result_sections(snapshot: ResultSnapshot | None) -> dict:
    """The published figures shaped for tables and `{% bar_chart %}` rows."""
    if snapshot is None:
        return {}
    figures = snapshot.figures
    selected_note = pgettext("result of a proposal", "selected")
    rows = [
        {
            "label": row["title"],
            "value": row["votes"],
            "highlight": row.get("selected", False),
            "note": selected_note if row.get("selected") else "",
            **row,
        }
        for row in figures.get("options", [])
    ]
    sections: dict = {
        "turnout": figures.get("turnout", {}),
        "method": snapshot.method,
        "ties": deciding_ties(figures),
    }
    if snapshot.method == Method.APPROVAL:
        sections["options"] = rows
    elif snapshot.method == Method.BUDGET:
        sections["pools"] = [
            pool
            | {
                "chart_id": f"chart-pool-{position}",
                "options": [row for row in rows if row.get("pool", TOWN_POOL) == pool["id"]],
            }
            for position, pool in enumerate(figures.get("pools", []), start=1)
        ]
    elif snapshot.method == Method.QUESTION:
        outcomes = {"yes": _("yes"), "no": _("no"), "tie": _("tie")}
        sections["questions"] = [
            question
            | {
                "chart_id": f"chart-question-{position}",
                "outcome_label": outcomes.get(question["outcome"], question["outcome"]),
                "rows": [
                    {"label": pgettext("vote answer", "yes"), "value": question["yes"]},
                    {"label": pgettext("vote answer", "no"), "value": question["no"]},
                    {"label": pgettext("vote answer", "abstain"), "value": question["abstain"]},
                ],
            }
            for position, question in enumerate(figures.get("questions", []), start=1)
        ]
    return sections


@dataclass
class _Activity:
    """What people did in the consultation, as plain rows (one query each)."""

    proposals: list
    comments: list  # (author, district)
    supports: list  # (user, district, channel)
    pledges: list  # (user, district)
    participations: list  # (user, district, channel, void reason)
    votes: list  # (user, district, channel): participations without double paper cards


def _activity(consultation: ConsultationPage) -> _Activity:
    answered = StatusChange.objects.exclude(answer="").order_by("created_at", "pk")
    proposals = list(
        Proposal.objects.filter(consultation=consultation)
        .select_related("category", "district")
        .annotate(author_district=F("author__district_id"))
        .prefetch_related(Prefetch("status_changes", queryset=answered, to_attr="answers"))
        .order_by("created_at", "pk")
    )
    of_consultation = {"proposal__consultation": consultation}
    comments = list(
        Comment.objects.filter(deleted_at__isnull=True, **of_consultation).values_list(
            "author_id", "author__district_id"
        )
    )
    supports = list(
        Support.objects.filter(**of_consultation).values_list(
            "user_id", "user__district_id", "channel"
        )
    )
    pledges = list(
        Pledge.objects.filter(**of_consultation).values_list("user_id", "user__district_id")
    )
    participations = list(
        counted_participations(consultation).values_list(
            "user_id", "user__district_id", "channel", "void_reason"
        )
    )
    # A paper card of someone confirmed to have voted online too is the same person again.
    votes = [
        row[:3]
        for row in participations
        if not (row[2] == Channel.PAPER and row[3] == Ballot.Void.DOUBLE_VOTE)
    ]
    return _Activity(proposals, comments, supports, pledges, participations, votes)


def _published_snapshot(consultation: ConsultationPage) -> ResultSnapshot | None:
    return (
        ResultSnapshot.objects.filter(consultation=consultation, published_at__isnull=False)
        .select_related("computed_by")
        .defer("ballots")
        # The counting rules as published (the method section puts them in words).
        .annotate(ballots_rules=F("ballots__rules"))
        .first()
    )


def _district_of(activity: _Activity) -> dict[int, int | None]:
    """Who: accounts by id, each with the district from their profile."""
    district_of: dict[int, int | None] = {}
    for proposal in activity.proposals:
        if proposal.author_id:
            district_of[proposal.author_id] = proposal.author_district
    for rows in (activity.comments, activity.supports, activity.pledges, activity.votes):
        for row in rows:
            if row[0]:
                district_of[row[0]] = row[1]
    return district_of


def _without_account(activity: _Activity) -> tuple[int, int]:
    """(paper voters, paper proposals' authors) without an account: each one person."""
    voters = sum(1 for row in activity.votes if row[0] is None)
    authors = sum(1 for p in activity.proposals if p.author_id is None)
    return voters, authors


def _figures(activity: _Activity, district_of: dict) -> Figures:
    proposals, supports = activity.proposals, activity.supports
    paper_voters, paper_authors = _without_account(activity)
    support_channels = Counter(row[2] for row in supports)
    vote_channels = Counter(row[2] for row in activity.participations)
    return Figures(
        people=len(district_of) + paper_voters + paper_authors,
        authors=len({p.author_id for p in proposals if p.author_id}) + paper_authors,
        commenters=len({row[0] for row in activity.comments}),
        supporters=len({row[0] for row in supports}),
        helpers=len({row[0] for row in activity.pledges}),
        voters=len(activity.votes),
        proposals=len(proposals),
        proposals_on_paper=sum(1 for p in proposals if p.submitted_by_staff_id),
        comments=len(activity.comments),
        supports=len(supports),
        supports_in_person=support_channels.get(Support.Channel.IN_PERSON, 0),
        pledges=len(activity.pledges),
        votes_online=vote_channels.get(Channel.ONLINE, 0),
        votes_paper=vote_channels.get(Channel.PAPER, 0),
    )


def _by_district(centre, activity: _Activity, district_of: dict) -> list[DistrictRow]:
    """People, voters and proposals per district, small groups suppressed (one query)."""
    proposals = activity.proposals
    districts = list(District.objects.filter(centre=centre).order_by("sort_order", "name"))
    known = any(p.district_id for p in proposals) or any(district_of.values())
    if not (districts and known):
        return []
    keys = [district.pk for district in districts] + [None]
    names = [district.name for district in districts] + [_("District not given")]
    people = Counter(district_of.values())
    people[None] += sum(_without_account(activity))
    voters = Counter(row[1] for row in activity.votes)
    proposal_counts = Counter(p.district_id for p in proposals)
    # Each column's total is in the participation table above (people, voters).
    people_cells = suppress_line([people[key] for key in keys])
    voter_cells = suppress_line([voters[key] for key in keys])
    return [
        DistrictRow(name, proposal_counts[key], people_cells[i], voter_cells[i])
        for i, (key, name) in enumerate(zip(keys, names, strict=True))
    ]


def _proposal_lines(proposals: list, snapshot: ResultSnapshot | None) -> list[ProposalLine]:
    option_rows = (
        {row["id"]: row for row in snapshot.figures.get("options", [])} if snapshot else {}
    )
    lines = []
    for number, proposal in enumerate(proposals, start=1):
        row = option_rows.get(proposal.pk)
        lines.append(
            ProposalLine(
                number=number,
                proposal=proposal,
                answer=proposal.answers[-1] if proposal.answers else None,
                votes=row["votes"] if row else None,
                selected=bool(row and row.get("selected")),
            )
        )
    return lines


def _status_rows(proposals: list) -> list[dict]:
    statuses = Counter(p.status for p in proposals)
    return [
        {"label": str(label), "value": statuses[value]}
        for value, label in Proposal.Status.choices
        if statuses[value]
    ]
