"""Assigning a review from the admin: who assesses it (an official, a department, or both),
by when, as a case of casework's (so it is on "my cases", "overdue" and gets its reminders)."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from casework import services as casework
from casework.models import Assignment, Department
from review.models import Review
from review.services.assessment import _check_assignees
from review.services.common import _check_staff, _now


def review_case_of(review: Review) -> Assignment | None:
    """The open case that stands for the review's assignment: on the whole review, held by
    the department and person the review names now."""
    if not (review.assigned_to_id or review.assigned_department_id):
        return None
    return (
        Assignment.objects.open()
        .filter(
            proposal_id=review.proposal_id,
            target_type=ContentType.objects.get_for_model(Review),
            target_id=review.pk,
            person_id=review.assigned_to_id,
            department_id=review.assigned_department_id,
        )
        .order_by("pk")
        .first()
    )


@transaction.atomic
def review_assign(
    *,
    review: Review,
    by: User,
    due_date: datetime.date,
    person: User | None = None,
    department: Department | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Review:
    """Give the review's assessment to an official of its centre, a department of the centre
    (each of its people), or both (the person then works in the department), due by
    `due_date`; the review's case is opened, or handed over when it is reassigned."""
    now = _now(now)
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    consultation = review.proposal.consultation
    _check_staff(by, consultation)
    if review.is_decided:
        raise ValidationError(_("The outcome is published: the assessment cannot change."))
    if person is None and department is None:
        raise ValidationError(_("Choose a department or a person."))
    _check_assignees(consultation, person, department)
    both = person is not None and department is not None
    if both and not department.members.filter(pk=person.pk).exists():
        raise ValidationError(_("The person must work in the department chosen."))
    case = review_case_of(review)
    holder = {"department": department, "person": person, "due_date": due_date, "note": note}
    if case is None:
        case = casework.assignment_create(
            proposal=review.proposal, by=by, target=review, now=now, **holder
        )
    else:
        case = casework.assignment_reassign(assignment=case, by=by, now=now, **holder)
    review.assigned_to, review.assigned_department = person, department
    review.save(update_fields=["assigned_to", "assigned_department"])
    log(
        review.proposal,
        "mam.review.assign",
        user=by,
        data={
            "assigned_to": review.assigned_to_id,
            "assigned_department": review.assigned_department_id,
            "due": due_date.isoformat(),
            "case": case.pk,
        },
    )
    return review
