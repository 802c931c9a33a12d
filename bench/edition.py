"""A finished edition beside the bench consultation: funded projects and their implementation
records (the `realizacja/` target).

Django is set up by the caller, so models are imported in functions.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from bench.bulk import DAY, WORDS, in_batches, sentence
from bench.names import EDITION_SLUG

FUNDED_RECORDS = 40


YEAR = datetime.timedelta(days=365)


def past_edition(consultation, users: list, rng: random.Random, *, funded: int) -> dict:
    """A finished edition beside the bench consultation: `funded` projects selected in a
    published result, whose records the implementation service opens as on publication
    (standard milestones, the first timeline entry), then carried to various stages."""
    from django.utils import timezone

    from implementation.services import records_open_for_result
    from voting.models import ResultSnapshot

    now = timezone.now()
    edition = _edition_page(consultation, funded=funded, now=now)
    projects = _funded_projects(edition, users, rng, funded=funded, now=now)
    # A stand-in for the counted result (no ballots: the edition is only read back).
    result = ResultSnapshot.objects.create(
        consultation=edition,
        method=edition.voting_method,
        computed_at=now - YEAR,
        published_at=now - YEAR,
        code_version="bench",
        ballots_checksum="",
        csv_checksum="",
        figures={},
        ballots={},
    )
    opened = records_open_for_result(consultation=edition, result=result, now=now - YEAR)
    steps = _carry_to_stages(edition, projects, now=now)
    return {"edition": edition, "records": opened, "milestones": steps}


def _edition_page(consultation, *, funded: int, now):
    """The edition's page beside the bench consultation, made once, its phases a year ago."""
    from consultations.models import ConsultationPage, Phase

    edition = ConsultationPage.objects.filter(slug=EDITION_SLUG).first()
    if edition is None:
        edition = consultation.get_parent().add_child(
            instance=ConsultationPage(
                title="Budżet benchmarku 2025",
                slug=EDITION_SLUG,
                lead="Poprzednia edycja: projekty w realizacji.",
                voting_method=ConsultationPage.VotingMethod.APPROVAL,
                max_choices=5,
                winners_count=funded,
                map_latitude=Decimal("49.625"),
                map_longitude=Decimal("20.691"),
            )
        )
        for kind, starts, ends in (
            (Phase.Kind.PROPOSALS, now - 2 * YEAR, now - YEAR - 60 * DAY),
            (Phase.Kind.VOTING, now - YEAR - 30 * DAY, now - YEAR),
        ):
            Phase.objects.create(consultation=edition, kind=kind, starts_at=starts, ends_at=ends)
    return edition


def _funded_projects(edition, users: list, rng: random.Random, *, funded: int, now) -> list:
    """`funded` projects, selected, in progress and implemented in turn, with their history."""
    from proposals.models import Proposal, StatusChange

    stages = [Proposal.Status.SELECTED, Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED]
    projects = in_batches(
        Proposal,
        [
            Proposal(
                consultation=edition,
                author=users[rng.randrange(len(users))],
                title=f"{sentence(rng, 4)} (projekt {i})",
                body=sentence(rng, 60),
                latitude=Decimal(f"{49.6 + rng.random() * 0.05:.6f}"),
                longitude=Decimal(f"{20.66 + rng.random() * 0.06:.6f}"),
                place=f"ul. {rng.choice(WORDS).capitalize()} {rng.randint(1, 99)}",
                estimated_cost=Decimal(rng.randrange(5, 500) * 1000),
                official_cost=Decimal(rng.randrange(5, 500) * 1000),
                status=stages[i % len(stages)],
                created_at=now - 2 * YEAR,
            )
            for i in range(funded)
        ],
    )
    in_batches(
        StatusChange,
        [StatusChange(proposal=p, status=p.status, created_at=now - YEAR) for p in projects],
    )
    return projects


def _carry_to_stages(edition, projects: list, *, now) -> int:
    """Carry the records to their projects' stages: dates planned, steps done, money spent;
    return the number of milestones."""
    from implementation.models import Implementation, Milestone, Status
    from proposals.models import Proposal

    progress = {
        Proposal.Status.SELECTED: (Status.PLANNED, 0, 0),
        Proposal.Status.IN_PROGRESS: (Status.IN_PROGRESS, 50, 3),
        Proposal.Status.IMPLEMENTED: (Status.DONE, 100, 5),
    }
    records = list(Implementation.objects.filter(proposal__consultation=edition))
    stage_of = {p.pk: p.status for p in projects}
    steps = []
    for record in records:
        status, percent, done = progress[stage_of[record.proposal_id]]
        record.status, record.percent_done = status, percent
        record.money_spent = (record.money_planned or 0) * percent / 100
        for position, step in enumerate(record.milestones.all()):
            step.planned_on = (now - YEAR + (position + 1) * 60 * DAY).date()
            step.done_on = step.planned_on if position < done else None
            steps.append(step)
    Implementation.objects.bulk_update(records, ["status", "percent_done", "money_spent"])
    Milestone.objects.bulk_update(steps, ["planned_on", "done_on"])
    return len(steps)
