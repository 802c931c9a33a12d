"""Publishing the review's outcome: the proposal answered, the author emailed."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts.models import User
from accounts.notifications import send_user_email
from home.links import absolute_url
from jobs.services import enqueue_in_transaction, run_once
from proposals.services import status as proposal_status
from review.models import Assessment, Outcome, Review
from review.selectors import setup_of
from review.services.assessment import _check_assessor
from review.services.common import (
    Status,
    _now,
    appeal_deadline,
)


def _answer(review: Review, assessments: list[Assessment]) -> str:
    """The public answer on the proposal's history: the outcome and its reasons."""
    lines = [str(Outcome(review.outcome).label).capitalize() + "."]
    if review.outcome == Outcome.ADMITTED_CHANGED:
        lines.append(
            _("Changes agreed with the author: %(changes)s") % {"changes": review.changes_agreed}
        )
    for assessment in assessments:
        if not assessment.met:
            lines.append(f"{assessment.criterion.text}: {assessment.comment}")
    if review.summary:
        lines.append(review.summary)
    return "\n".join(lines)


def _complete_assessments(review: Review, setup) -> list:
    """The review's assessments in the criteria's order; refuse while a criterion is unassessed."""
    criteria = list(setup.criteria.all())
    assessments = list(
        review.assessments.filter(criterion__in=criteria)
        .select_related("criterion")
        .order_by("criterion__sort_order", "criterion__pk")
    )
    if len(assessments) < len(criteria):
        raise ValidationError(_("Assess every criterion before publishing the outcome."))
    return assessments


def _check_outcome(outcome: str, *, assessments: list, changes_agreed: str) -> None:
    """Refuse an outcome the assessments contradict, or a change not described."""
    not_met = [a for a in assessments if not a.met]
    if outcome == Outcome.ADMITTED and not_met:
        raise ValidationError(_("A project with a criterion not met cannot be admitted as it is."))
    if outcome == Outcome.ADMITTED_CHANGED and not changes_agreed:
        raise ValidationError(_("Describe the changes agreed with the author."))
    if outcome == Outcome.NOT_ADMITTED and not not_met:
        raise ValidationError(_("A project meeting every criterion cannot be refused."))
    if outcome not in (Outcome.ADMITTED, Outcome.ADMITTED_CHANGED, Outcome.NOT_ADMITTED):
        raise ValidationError(_("Choose the outcome."))


def _answer_proposal(review: Review, assessments: list, *, by: User, now) -> None:
    """Accept or reject the proposal with the review's reasons as its public answer."""
    proposal = review.proposal
    proposal.refresh_from_db(fields=["status"])
    # The workflow reaches acceptance only through review: a proposal still "submitted"
    # passes through "under review" first.
    if proposal.status == Status.SUBMITTED:
        proposal_status.status_change(
            proposal=proposal, status=Status.UNDER_REVIEW, answer="", by=by, now=now
        )
        proposal.refresh_from_db(fields=["status"])
    proposal_status.status_change(
        proposal=proposal,
        status=Status.REJECTED if review.outcome == Outcome.NOT_ADMITTED else Status.ACCEPTED,
        answer=_answer(review, assessments),
        by=by,
        # The author gets the outcome email (notify_outcome), not a second one.
        notify_author=False,
        now=now,
    )


@transaction.atomic
def review_decide(
    *,
    review: Review,
    outcome: str,
    by: User,
    summary: str = "",
    changes_agreed: str = "",
    now: datetime.datetime | None = None,
) -> Review:
    """Publish the outcome: every criterion must be assessed first.

    Admitted needs every criterion met; admitted after changes names the changes agreed with
    the author; not admitted needs a criterion not met (its comment is the reason). The
    proposal is accepted or rejected, and the author is emailed the outcome and, when not
    admitted, until when they may appeal.
    """
    now = _now(now)
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    _check_assessor(review, by)
    proposal = review.proposal
    setup = setup_of(proposal.consultation)
    if setup is None:
        raise ValidationError(_("This consultation has no review step."))
    assessments = _complete_assessments(review, setup)
    summary, changes_agreed = summary.strip(), changes_agreed.strip()
    _check_outcome(outcome, assessments=assessments, changes_agreed=changes_agreed)
    review.outcome = outcome
    review.summary = summary
    review.changes_agreed = changes_agreed if outcome == Outcome.ADMITTED_CHANGED else ""
    review.decided_at = now
    review.decided_by = by
    review.appeal_until = appeal_deadline(now, setup) if outcome == Outcome.NOT_ADMITTED else None
    review.save()
    _answer_proposal(review, assessments, by=by, now=now)
    log(proposal, "mam.review.decide", user=by, data={"outcome": outcome})
    enqueue_in_transaction(notify_outcome, review_id=review.pk)
    return review


def outcome_notify(*, review: Review) -> None:
    """Email the author the outcome, the reasons per criterion and the appeal deadline."""
    proposal = review.proposal
    if proposal.author is None:
        return
    send_user_email(
        proposal.author,
        "review/email/outcome",
        {
            "proposal": proposal,
            "review": review,
            "not_met": [a for a in review.assessments.select_related("criterion") if not a.met],
            "proposal_url": absolute_url(proposal.get_absolute_url()),
        },
    )


@task()
def notify_outcome(*, review_id: int) -> None:
    """outcome_notify() in the worker, once however often it runs."""
    review = Review.objects.select_related("proposal__author").get(pk=review_id)
    run_once(f"review-outcome:{review_id}", lambda: outcome_notify(review=review))
