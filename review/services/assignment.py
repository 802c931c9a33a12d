"""Assigning a review from the admin: who assesses it (an official, a department, or both),
by when, as a case of casework's (so it is on "my cases", "overdue" and gets its reminders),
and the email that tells the people assigned, sent by the worker."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from casework import services as casework
from casework.models import Assignment, Department
from home.links import absolute_url
from jobs.services import enqueue_in_transaction, run_once
from review.models import Review
from review.selectors import setup_of
from review.services.assessment import _check_assignees
from review.services.common import STAFF_PERMISSION, _check_staff, _now


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
    `due_date`; the review's case is opened, or handed over when it is reassigned. The people
    it is now assigned to are emailed (notify_assigned), never the ones it was taken from."""
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
    entry = log(
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
    recipients = [user.pk for user in assignment_recipients(review)]
    if recipients:
        enqueue_in_transaction(
            notify_assigned, review_id=review.pk, user_ids=recipients, stamp=entry.pk
        )
    return review


def assignment_recipients(review: Review) -> list[User]:
    """Who is told of the assignment: the person named, or else the department's active
    members who are officials of the centre."""
    if review.assigned_to_id:
        return [review.assigned_to] if review.assigned_to.is_active else []
    if review.assigned_department_id is None:
        return []
    consultation = review.proposal.consultation
    members = review.assigned_department.members.filter(is_active=True).order_by("pk")
    return [
        user
        for user in members
        if roles.is_staff_for_consultation(user, STAFF_PERMISSION, consultation)
    ]


def assigned_notify(*, review: Review, user: User, case: Assignment | None) -> None:
    """Email `user` the project, the criteria to assess, the due date and the review's
    screen in the admin."""
    proposal = review.proposal
    setup = setup_of(proposal.consultation)
    assessed = set(review.assessments.values_list("criterion_id", flat=True))
    send_user_email(
        user,
        "review/email/assigned",
        {
            "proposal": proposal,
            "consultation": proposal.consultation,
            "department": review.assigned_department if not review.assigned_to_id else None,
            "criteria": [
                {"text": criterion.text, "assessed": criterion.pk in assessed}
                for criterion in (setup.criteria.all() if setup else [])
            ],
            "due_date": case.due_date if case else None,
            "note": case.note if case else "",
            "review_url": absolute_url(reverse("mam_reviews:assess", args=[review.pk])),
        },
    )


@task()
def notify_assigned(*, review_id: int, user_ids: list[int], stamp: int) -> None:
    """assigned_notify() in the worker: each person once per assignment (`stamp`, its log
    entry), however often the task runs; nobody the review was reassigned away from since,
    and nobody once the outcome is published."""
    review = Review.objects.select_related(
        "proposal__consultation", "assigned_to", "assigned_department"
    ).get(pk=review_id)
    if review.is_decided:
        return
    holders = {user.pk: user for user in assignment_recipients(review)}
    case = review_case_of(review)
    for user_id in user_ids:
        user = holders.get(user_id)
        if user is not None:
            run_once(
                f"review-assigned:{review_id}:{stamp}:{user_id}",
                lambda user=user: assigned_notify(review=review, user=user, case=case),
            )
