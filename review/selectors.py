"""Reads of reviews and appeals shared by the public pages, the admin and the council report."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from config import cache_versions
from consultations.models import ConsultationPage
from home.scope import rows_under
from proposals.models import Proposal
from review.models import Appeal, Assessment, Outcome, Review, ReviewSetup

ASSESSMENTS = Prefetch(
    "assessments",
    queryset=Assessment.objects.select_related("criterion").order_by(
        "criterion__sort_order", "criterion__pk"
    ),
)


def has_review_step(consultation: ConsultationPage, *, version: int | None = None) -> bool:
    """Whether the consultation has a review step, without a query on most page views.

    Kept under the consultation's content version, which saving its rules bumps
    (review/admin/rules.py); rules written elsewhere (the demo, a shell) show within five minutes.
    """
    if version is None:  # a page view passes the version it already read
        version = cache_versions.current(cache_versions.consultation_key(consultation.pk))
    key = f"mam:review:step:{consultation.pk}:{version}"
    enabled = cache.get(key)
    if enabled is None:
        enabled = ReviewSetup.objects.filter(consultation=consultation, enabled=True).exists()
        cache.set(key, enabled, timeout=300)
    return enabled


def setup_of(consultation: ConsultationPage) -> ReviewSetup | None:
    """The consultation's review rules when it has a review step, else None."""
    return ReviewSetup.objects.filter(consultation=consultation, enabled=True).first()


def review_of(proposal: Proposal) -> Review | None:
    """The proposal's review with its assessments and appeal (two queries), or None."""
    review = (
        Review.objects.filter(proposal=proposal)
        .select_related("appeal")
        .prefetch_related(ASSESSMENTS)
        .first()
    )
    if review is not None:
        review.proposal = proposal
    return review


def appeal_of(review: Review) -> Appeal | None:
    """The review's appeal (loaded with select_related("appeal")), or None."""
    try:
        return review.appeal
    except Appeal.DoesNotExist:
        return None


def reviewed_proposals(consultation: ConsultationPage) -> list[Proposal]:
    """Every visible, not withdrawn proposal of the consultation with its review and appeal
    (two queries, whatever their number), in title order."""
    return list(
        Proposal.objects.visible()
        .filter(consultation=consultation)
        .exclude(status=Proposal.Status.WITHDRAWN)
        .select_related("review__appeal")
        .prefetch_related(Prefetch("review__assessments", queryset=ASSESSMENTS.queryset))
        .only(
            "id",
            "title",
            "status",
            "consultation_id",
            "estimated_cost",
            "official_cost",
            "review__id",
            "review__outcome",
            "review__decided_at",
            "review__appeal_until",
            "review__town_cost",
            "review__changes_agreed",
            "review__summary",
            "review__appeal__id",
            "review__appeal__decision",
            "review__appeal__filed_at",
            "review__appeal__decide_by",
            "review__appeal__decided_at",
            "review__appeal__channel",
            "review__appeal__reasons",
            "review__appeal__decision_reasons",
            "review__appeal__decided_by_body",
        )
        .order_by("title", "pk")
    )


def review_on(proposal: Proposal) -> Review | None:
    """The review loaded by reviewed_proposals, or None."""
    try:
        return proposal.review
    except Review.DoesNotExist:
        return None


def numbers(consultation: ConsultationPage, today: datetime.date | None = None) -> dict:
    """Counts for the council report: outcomes and appeals (two queries)."""
    today = today or timezone.localdate()
    outcomes = Counter(
        Review.objects.filter(proposal__consultation=consultation).values_list("outcome", flat=True)
    )
    appeals = list(
        Appeal.objects.filter(review__proposal__consultation=consultation).values_list(
            "decision", "decide_by", "channel"
        )
    )
    decisions = Counter(row[0] for row in appeals)
    return {
        "reviewed": sum(outcomes.values()),
        "pending": outcomes[Outcome.PENDING],
        "admitted": outcomes[Outcome.ADMITTED],
        "admitted_changed": outcomes[Outcome.ADMITTED_CHANGED],
        "not_admitted": outcomes[Outcome.NOT_ADMITTED],
        "appeals": len(appeals),
        "appeals_on_paper": sum(1 for row in appeals if row[2] == Appeal.Channel.PAPER),
        "upheld": decisions[Appeal.Decision.UPHELD],
        "dismissed": decisions[Appeal.Decision.DISMISSED],
        "undecided": decisions[Appeal.Decision.PENDING],
        "overdue": sum(1 for row in appeals if not row[0] and row[1] < today),
    }


def overdue_appeals(centres, today: datetime.date) -> list[Appeal]:
    """Appeals of `centres`' projects still undecided after the day their decision was due."""
    from_centres = rows_under(centres, "review__proposal__consultation__")
    return list(
        Appeal.objects.filter(from_centres, decision="", decide_by__lt=today)
        .select_related("review__proposal")
        .order_by("decide_by", "pk")
    )


def _appeal_text(decision: str | None, has_appeal: bool) -> str:
    if not has_appeal:
        return ""
    return str(Appeal.Decision(decision or "").label)


def export_values(consultation: ConsultationPage) -> dict[int, dict]:
    """The review columns of the proposals export, by proposal id (one query)."""
    rows = Review.objects.filter(proposal__consultation=consultation).values_list(
        "proposal_id", "outcome", "decided_at", "appeal__id", "appeal__decision"
    )
    return {
        pk: {
            "review_outcome": str(Outcome(outcome).label),
            "review_decided_on": timezone.localdate(decided_at) if decided_at else None,
            "review_appeal": _appeal_text(decision, appeal_id is not None),
        }
        for pk, outcome, decided_at, appeal_id, decision in rows
    }


def api_value(review: Review | None) -> dict:
    """The review as the API's proposal detail shows it."""
    if review is None:
        return {"outcome": "", "outcome_label": str(Outcome.PENDING.label)}
    appeal = appeal_of(review)
    return {
        "outcome": review.outcome,
        "outcome_label": str(review.get_outcome_display()),
        "decided_at": review.decided_at.isoformat() if review.decided_at else None,
        "summary": review.summary,
        "appeal_until": review.appeal_until.isoformat() if review.appeal_until else None,
        "appeal": None
        if appeal is None
        else {
            "decision": appeal.decision,
            "decision_label": str(appeal.get_decision_display()),
            "decide_by": appeal.decide_by.isoformat(),
            "decision_reasons": appeal.decision_reasons,
        },
    }
