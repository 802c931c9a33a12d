"""The bench consultation's participation, bulk-inserted: proposals created with counters that
match their supports and comments, their status history, supports, comments and replies, and
ballots with their participations and voter keys.

Django is set up by the caller (bench.generate's main), so models are imported in functions.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from bench.bulk import WORDS, in_batches, sentence


@dataclass
class Plan:
    """Who supports and comments on what, drawn before any proposal is written."""

    users: int
    accepted: set[int]
    support_pairs: list[int]  # proposal index × users + user index
    supports_per: list[int]
    top_targets: list[int]  # the proposal index of each top-level comment
    reply_parents: list[int]  # the top-level comment each reply answers
    comments_per: list[int]


def plan(
    rng: random.Random, *, proposals: int, users: int, supports: int, comments: int, on_ballot: int
) -> Plan:
    """Draw the accepted proposals (`on_ballot` of them), the supports and the comments."""
    accepted = set(rng.sample(range(proposals), min(on_ballot, proposals)))
    support_pairs = rng.sample(range(proposals * users), supports) if proposals else []
    supports_per = [0] * proposals
    for pair in support_pairs:
        supports_per[pair // users] += 1
    top_count = comments - comments // 3
    top_targets = [rng.randrange(proposals) for _ in range(top_count)] if proposals else []
    reply_parents = (
        [rng.randrange(top_count) for _ in range(comments - top_count)] if top_count else []
    )
    comments_per = [0] * proposals
    for target in top_targets:
        comments_per[target] += 1
    for parent in reply_parents:
        comments_per[top_targets[parent]] += 1
    return Plan(
        users, accepted, support_pairs, supports_per, top_targets, reply_parents, comments_per
    )


def add_proposals(consultation, people: list, rng: random.Random, planned: Plan) -> list:
    """Insert the proposals with their counters; the rest are submitted, under review or
    rejected (3:1:1)."""
    from django.utils import timezone

    from proposals.models import Proposal

    categories = list(consultation.categories.all())
    # A civic budget puts tens of projects to the vote, whatever the number of ideas:
    # `on_ballot` proposals (spread over the list) are accepted, the rest are not.
    status_weights = [
        (Proposal.Status.SUBMITTED, 3),
        (Proposal.Status.UNDER_REVIEW, 1),
        (Proposal.Status.REJECTED, 1),
    ]
    statuses = [s for s, w in status_weights for _ in range(w)]
    proposals, users = len(planned.supports_per), planned.users
    now = timezone.now()
    rows = []
    for i in range(proposals):
        status = Proposal.Status.ACCEPTED if i in planned.accepted else rng.choice(statuses)
        rows.append(
            Proposal(
                consultation=consultation,
                author=people[rng.randrange(users)],
                title=f"{sentence(rng, 4)} nr {i}",
                body=sentence(rng, 60),
                category=rng.choice(categories) if categories else None,
                latitude=Decimal(f"{49.6 + rng.random() * 0.05:.6f}"),
                longitude=Decimal(f"{20.66 + rng.random() * 0.06:.6f}"),
                place=f"ul. {rng.choice(WORDS).capitalize()} {rng.randint(1, 99)}",
                estimated_cost=Decimal(rng.randrange(5, 500) * 1000),
                official_cost=Decimal(rng.randrange(5, 500) * 1000),
                status=status,
                supports_count=planned.supports_per[i],
                comments_count=planned.comments_per[i],
                created_at=now - datetime.timedelta(minutes=proposals - i),
            )
        )
    return in_batches(Proposal, rows)


def add_status_history(made: list) -> None:
    from proposals.models import StatusChange

    in_batches(
        StatusChange,
        [StatusChange(proposal=p, status=p.status, created_at=p.created_at) for p in made],
    )


def add_supports(made: list, people: list, planned: Plan) -> None:
    from proposals.models import Support

    users = planned.users
    in_batches(
        Support,
        [
            Support(proposal=made[pair // users], user=people[pair % users])
            for pair in planned.support_pairs
        ],
    )


def add_comments(made: list, people: list, rng: random.Random, planned: Plan) -> None:
    """Insert the top-level comments, then the replies (a third of them)."""
    from proposals.models import Comment

    users = planned.users
    top = in_batches(
        Comment,
        [
            Comment(
                proposal=made[target],
                author=people[rng.randrange(users)],
                body=sentence(rng, 20),
            )
            for target in planned.top_targets
        ],
    )
    in_batches(
        Comment,
        [
            Comment(
                proposal_id=top[parent].proposal_id,
                parent=top[parent],
                author=people[rng.randrange(users)],
                body=sentence(rng, 12),
            )
            for parent in planned.reply_parents
        ],
    )


def add_ballots(consultation, voters: list, on_ballot: list, rng: random.Random) -> None:
    """One online ballot per voter, choosing 1 to max_choices of the accepted proposals."""
    from voting.models import Ballot, BallotChoice, Channel, Participation
    from voting.services.voting import voter_key

    in_batches(
        Participation,
        [Participation(consultation=consultation, user=u, channel=Channel.ONLINE) for u in voters],
    )
    papers = [
        Ballot(
            consultation=consultation,
            voter_key=voter_key(u, consultation),
            channel=Channel.ONLINE,
        )
        for u in voters
    ]
    in_batches(Ballot, papers)
    most = min(consultation.max_choices or 1, len(on_ballot))
    in_batches(
        BallotChoice,
        [
            BallotChoice(ballot=paper, proposal=choice)
            for paper in papers
            for choice in rng.sample(on_ballot, rng.randint(1, most))
        ],
    )
