"""Opening a review, assigning it (an official or a department) and assessing criteria."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from casework.models import Assignment, Department
from proposals.models import Proposal
from proposals.services import status as proposal_status
from review.models import Assessment, Criterion, Review
from review.selectors import setup_of
from review.services.common import (
    STAFF_PERMISSION,
    Status,
    _check_staff,
    _now,
)


@transaction.atomic
def review_start(
    *,
    proposal: Proposal,
    by: User,
    assigned_to: User | None = None,
    assigned_department: Department | None = None,
    now: datetime.datetime | None = None,
) -> Review:
    """Open the review of a proposal (it becomes "under review") and assign an official or
    a department of the centre."""
    consultation = proposal.consultation
    _check_staff(by, consultation)
    if setup_of(consultation) is None:
        raise ValidationError(_("This consultation has no review step."))
    _check_assignees(consultation, assigned_to, assigned_department)
    review, created = Review.objects.get_or_create(
        proposal=proposal,
        defaults={
            "assigned_to": assigned_to,
            "assigned_department": assigned_department,
            "created_at": _now(now),
        },
    )
    if not created and (assigned_to or assigned_department):
        review.assigned_to = assigned_to or review.assigned_to
        review.assigned_department = assigned_department or review.assigned_department
        review.save(update_fields=["assigned_to", "assigned_department"])
    proposal.refresh_from_db(fields=["status"])
    if proposal.status == Status.SUBMITTED:
        proposal_status.status_change(
            proposal=proposal, status=Status.UNDER_REVIEW, answer="", by=by, now=now
        )
    log(
        proposal,
        "mam.review.start",
        user=by,
        data={
            "assigned_to": review.assigned_to_id,
            "assigned_department": review.assigned_department_id,
        },
    )
    return review


def _check_assignees(consultation, person: User | None, department: Department | None) -> None:
    """Refuse an assessor from outside the consultation's centre."""
    if person is not None and not roles.is_staff_for_consultation(
        person, STAFF_PERMISSION, consultation
    ):
        raise ValidationError(_("Assign an official of this centre."))
    if department is not None and (
        not department.active or department.centre_id != consultation.centre.pk
    ):
        raise ValidationError(_("Assign an active department of this centre."))


def _holds_criterion_case(review: Review, criterion: Criterion | None, by: User) -> bool:
    """Whether `by` holds an open case on this criterion of this proposal, or on its whole
    review, by name or through their department (casework): the department assigned
    assesses. A case on the whole review also lets them set the cost and publish."""
    types = ContentType.objects.get_for_models(Criterion, Review)
    about = Q(target_type=types[Review], target_id=review.pk)
    if criterion is not None:
        about |= Q(target_type=types[Criterion], target_id=criterion.pk)
    return (
        Assignment.objects.open()
        .filter(about, proposal_id=review.proposal_id)
        .of_person(by)
        .exists()
    )


def _may_assess(review: Review, by: User, criterion: Criterion | None) -> bool:
    """The official or the department assigned (any of its people), a case holder, or anyone
    of the centre while the review is assigned to nobody."""
    if by.is_superuser or not (review.assigned_to_id or review.assigned_department_id):
        return True
    if review.assigned_to_id == by.pk:
        return True
    if (
        review.assigned_department_id
        and Department.objects.filter(pk=review.assigned_department_id, members=by).exists()
    ):
        return True
    return _holds_criterion_case(review, criterion, by)


def _check_assessor(review: Review, by: User, criterion: Criterion | None = None) -> None:
    _check_staff(by, review.proposal.consultation)
    if not _may_assess(review, by, criterion):
        raise ValidationError(_("Only the official assigned to this review can assess it."))
    if review.is_decided:
        raise ValidationError(_("The outcome is published: the assessment cannot change."))


@transaction.atomic
def criterion_assess(
    *,
    review: Review,
    criterion: Criterion,
    met: bool,
    comment: str,
    by: User,
    now: datetime.datetime | None = None,
) -> Assessment:
    """Record whether the proposal meets one criterion; a criterion not met needs a comment."""
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    _check_assessor(review, by, criterion)
    setup = setup_of(review.proposal.consultation)
    if setup is None or criterion.setup_id != setup.pk:
        raise ValidationError(_("This criterion is not on the consultation's checklist."))
    comment = comment.strip()
    if not met and not comment:
        raise ValidationError(_("Say why the criterion is not met: the author will read it."))
    assessment, _created = Assessment.objects.update_or_create(
        review=review,
        criterion=criterion,
        defaults={"met": met, "comment": comment, "assessed_by": by, "assessed_at": _now(now)},
    )
    return assessment


@transaction.atomic
def town_cost_set(*, review: Review, amount: Decimal | None, by: User) -> Review:
    """Set the town's own cost estimate; it replaces the author's on the ballot."""
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    _check_assessor(review, by)
    if amount is not None and amount < 0:
        raise ValidationError(_("A cost cannot be negative."))
    review.town_cost = amount
    review.save(update_fields=["town_cost"])
    proposal_status.official_cost_set(
        proposal=review.proposal, amount=amount, by=by, staff_checked=True
    )
    return review
