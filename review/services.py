"""Writes with rules on reviews and appeals; deadlines are Warsaw calendar days.

A proposal's status moves only through proposals.services.status: under review when its
review starts, accepted or rejected with the outcome, accepted again when an appeal is upheld.
The ballot lists accepted proposals, so it lists exactly the admitted and reinstated ones.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from casework.models import Assignment, Department
from config.cache_versions import pages_changed
from consultations.models import ConsultationPage
from consultations.participation import refused
from home.links import absolute_url
from jobs.services import enqueue_in_transaction, run_once
from proposals.models import Proposal
from proposals.services import status as proposal_status
from review.models import Appeal, Assessment, Criterion, Outcome, Review, ReviewSetup
from review.selectors import setup_of

STAFF_PERMISSION = "proposals.change_proposal"
Status = Proposal.Status


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _check_staff(user: User, consultation: ConsultationPage) -> None:
    if not roles.is_staff_for_consultation(user, STAFF_PERMISSION, consultation):
        raise ValidationError(_("Only officials of this centre can review its projects."))


def appeal_deadline(decided_at: datetime.datetime, days: int) -> datetime.date:
    """The last Warsaw day on which an appeal may be filed."""
    return timezone.localdate(decided_at) + datetime.timedelta(days=days)


def decision_deadline(filed_at: datetime.datetime, days: int) -> datetime.date:
    """The last Warsaw day on which the appeal body should decide."""
    return timezone.localdate(filed_at) + datetime.timedelta(days=days)


# --- The review ----------------------------------------------------------------------------


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


@transaction.atomic
def review_assign(
    *,
    review: Review,
    by: User,
    person: User | None = None,
    department: Department | None = None,
) -> Review:
    """Give the review's assessment to an official, a department (each of its people), or
    both; with neither, any official of the centre may assess it."""
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    consultation = review.proposal.consultation
    _check_staff(by, consultation)
    if review.is_decided:
        raise ValidationError(_("The outcome is published: the assessment cannot change."))
    _check_assignees(consultation, person, department)
    review.assigned_to = person
    review.assigned_department = department
    review.save(update_fields=["assigned_to", "assigned_department"])
    return review


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
    review.appeal_until = (
        appeal_deadline(now, setup.appeal_days) if outcome == Outcome.NOT_ADMITTED else None
    )
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


# --- Appeals ----------------------------------------------------------------------------------


def appeal_refusal(user, review: Review | None, now: datetime.datetime | None = None) -> str:
    """Why `user` may not appeal this review online now, or "" when they may."""
    if review is None or review.outcome != Outcome.NOT_ADMITTED:
        return _("Only a project that was not admitted to the vote can be appealed.")
    if not (user and user.is_authenticated) or review.proposal.author_id != user.pk:
        return _("Only the author of the project may appeal.")
    if hasattr(review, "appeal"):
        return _("This decision has already been appealed.")
    if timezone.localdate(_now(now)) > review.appeal_until:
        return _("The time to appeal ended on %(date)s.") % {
            "date": date_format(review.appeal_until)
        }
    return ""


def _appeal_create(review: Review, **fields) -> Appeal:
    setup = setup_of(review.proposal.consultation)
    if setup is None:
        raise ValidationError(_("This consultation has no review step."))
    fields["decide_by"] = decision_deadline(fields["filed_at"], setup.decision_days)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(review=review, **fields)
    except IntegrityError:  # a second appeal at the same moment: one per decision
        raise refused("appealed", _("This decision has already been appealed.")) from None
    pages_changed(review.proposal.consultation_id)
    return appeal


@transaction.atomic
def appeal_file(
    *, review: Review, reasons: str, by: User, now: datetime.datetime | None = None
) -> Appeal:
    """The author appeals online against not admitting their project, within the period."""
    now = _now(now)
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    refusal = appeal_refusal(by, review, now)
    if refusal:
        raise refused("appeal", refusal)
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError(_("Write why the project should be admitted."))
    appeal = _appeal_create(
        review, reasons=reasons, channel=Appeal.Channel.ONLINE, filed_by=by, filed_at=now
    )
    log(review.proposal, "mam.review.appeal", user=by, data={"channel": appeal.channel})
    return appeal


@transaction.atomic
def appeal_enter_paper(
    *,
    review: Review,
    reasons: str,
    received_on: datetime.date,
    by: User,
    now: datetime.datetime | None = None,
) -> Appeal:
    """Staff enter an appeal the author handed in on paper at the centre on `received_on`."""
    now = _now(now)
    review = Review.objects.select_for_update().select_related("proposal").get(pk=review.pk)
    _check_staff(by, review.proposal.consultation)
    if review.outcome != Outcome.NOT_ADMITTED:
        raise ValidationError(
            _("Only a project that was not admitted to the vote can be appealed.")
        )
    if hasattr(review, "appeal"):
        raise ValidationError(_("This decision has already been appealed."))
    if received_on > timezone.localdate(now):
        raise ValidationError(_("The date received cannot be in the future."))
    if received_on < timezone.localdate(review.decided_at) or received_on > review.appeal_until:
        raise ValidationError(
            _("The appeal was received outside the time to appeal (until %(date)s).")
            % {"date": date_format(review.appeal_until)}
        )
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError(_("Copy the reasons from the paper appeal."))
    filed_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12)))
    appeal = _appeal_create(
        review,
        reasons=reasons,
        channel=Appeal.Channel.PAPER,
        filed_by=review.proposal.author,
        entered_by=by,
        filed_at=filed_at,
    )
    log(review.proposal, "mam.review.appeal", user=by, data={"channel": appeal.channel})
    return appeal


def appeal_setup(consultation: ConsultationPage) -> ReviewSetup | None:
    """The consultation's review rules, enabled or not (appeals outlive a switched-off step)."""
    return ReviewSetup.objects.filter(consultation_id=consultation.pk).first()


def appeal_body_members(setup: ReviewSetup | None) -> list[User]:
    """The members of the appeal body chosen in the rules; [] when none are chosen (then the
    centre's officials decide, as before the rules named a body)."""
    if setup is None:
        return []
    return list(setup.appeal_body_members.order_by("pk"))


def may_decide_appeal(
    user, consultation: ConsultationPage, *, members: list[User] | None = None
) -> bool:
    """Whether `user` may decide the consultation's appeals: a member of the appeal body, or,
    when the rules name no members, an official of the centre; superusers always."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if members is None:
        members = appeal_body_members(appeal_setup(consultation))
    if members:
        return any(member.pk == user.pk for member in members)
    return roles.is_staff_for_consultation(user, STAFF_PERMISSION, consultation)


def _check_appeal_body(user: User, consultation: ConsultationPage, setup) -> None:
    members = appeal_body_members(setup)
    if not members:
        _check_staff(user, consultation)
    elif not may_decide_appeal(user, consultation, members=members):
        raise refused(
            "appeal_body",
            _("Only the appeal body (%(body)s) may decide this appeal.")
            % {"body": setup.appeal_body_label},
        )


@transaction.atomic
def appeal_decide(
    *,
    appeal: Appeal,
    upheld: bool,
    reasons: str,
    by: User,
    now: datetime.datetime | None = None,
) -> Appeal:
    """Record the appeal body's decision with its reasons; an upheld appeal reinstates the
    project (accepted, so on the ballot)."""
    now = _now(now)
    appeal = Appeal.objects.select_for_update().select_related("review__proposal").get(pk=appeal.pk)
    proposal = appeal.review.proposal
    setup = appeal_setup(proposal.consultation)
    _check_appeal_body(by, proposal.consultation, setup)
    if appeal.decision:
        raise ValidationError(_("This appeal is already decided."))
    reasons = reasons.strip()
    if not reasons:
        raise ValidationError(_("Give the reasons for the decision."))
    appeal.decision = Appeal.Decision.UPHELD if upheld else Appeal.Decision.DISMISSED
    appeal.decision_reasons = reasons
    appeal.decided_at = now
    appeal.decided_by = by
    appeal.decided_by_body = setup.appeal_body_label if setup else ""
    appeal.save()
    answer = _("Appeal %(decision)s. %(reasons)s") % {
        "decision": appeal.get_decision_display(),
        "reasons": reasons,
    }
    if upheld:
        proposal_status.status_change(
            proposal=proposal,
            status=Status.ACCEPTED,
            answer=answer,
            by=by,
            reinstate=True,
            notify_author=False,  # the author gets the decision's own email below
            now=now,
        )
    else:
        pages_changed(proposal.consultation_id)
    log(proposal, "mam.review.appeal_decide", user=by, data={"decision": appeal.decision})
    enqueue_in_transaction(notify_appeal_decision, appeal_id=appeal.pk)
    return appeal


def appeal_decision_notify(*, appeal: Appeal) -> None:
    """Email the author the appeal body's decision and its reasons."""
    proposal = appeal.review.proposal
    if proposal.author is None:
        return
    send_user_email(
        proposal.author,
        "review/email/appeal_decided",
        {
            "proposal": proposal,
            "appeal": appeal,
            "proposal_url": absolute_url(proposal.get_absolute_url()),
        },
    )


@task()
def notify_appeal_decision(*, appeal_id: int) -> None:
    """appeal_decision_notify() in the worker, once however often it runs."""
    appeal = Appeal.objects.select_related("review__proposal__author").get(pk=appeal_id)
    run_once(f"appeal-decision:{appeal_id}", lambda: appeal_decision_notify(appeal=appeal))


# --- The vote and pending appeals -----------------------------------------------------------


def pending_appeals(consultation_id: int):
    """The consultation's appeals still waiting for a decision."""
    return Appeal.objects.filter(review__proposal__consultation_id=consultation_id, decision="")


def vote_hold(consultation: ConsultationPage) -> str:
    """Why the vote may not open yet (appeals pending and no staff override), or ""."""
    held = (
        pending_appeals(consultation.pk)
        .filter(
            review__proposal__consultation__review_setup__enabled=True,
            review__proposal__consultation__review_setup__vote_override_at__isnull=True,
        )
        .exists()
    )
    if not held:
        return ""
    return _("Voting opens once the appeals against the review are decided.")


def vote_holds(consultations) -> dict[int, str]:
    """vote_hold() of many consultations in one query: {id: sentence} of those held."""
    held = set(
        Appeal.objects.filter(
            decision="",
            review__proposal__consultation__in=[c.pk for c in consultations],
            review__proposal__consultation__review_setup__enabled=True,
            review__proposal__consultation__review_setup__vote_override_at__isnull=True,
        ).values_list("review__proposal__consultation_id", flat=True)
    )
    reason = _("Voting opens once the appeals against the review are decided.")
    return dict.fromkeys(held, reason)


@transaction.atomic
def vote_override(
    *,
    consultation: ConsultationPage,
    reason: str,
    by: User,
    now: datetime.datetime | None = None,
) -> ReviewSetup:
    """Staff confirm that the vote opens although appeals are pending; the reason is logged."""
    _check_staff(by, consultation)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for opening the vote with appeals pending."))
    setup = ReviewSetup.objects.select_for_update().filter(consultation=consultation).first()
    if setup is None:
        raise ValidationError(_("This consultation has no review step."))
    setup.vote_override_reason = reason
    setup.vote_override_by = by
    setup.vote_override_at = _now(now)
    setup.save(update_fields=["vote_override_reason", "vote_override_by", "vote_override_at"])
    log(
        consultation,
        "mam.review.vote_override",
        user=by,
        data={"reason": reason, "pending": pending_appeals(consultation.pk).count()},
    )
    pages_changed(consultation.pk, listings=True)
    return setup


# --- Reminders to decide appeals --------------------------------------------------------------


def appeal_reminder_days() -> int:
    return getattr(settings, "MAM_APPEAL_REMINDER_DAYS", 3)


def appeals_due(today: datetime.date):
    """Appeals waiting for a decision due within the reminder days, or already overdue."""
    soon = today + datetime.timedelta(days=appeal_reminder_days())
    return (
        Appeal.objects.filter(decision="", decide_by__lte=soon)
        .select_related("review__proposal__consultation")
        .order_by("decide_by", "pk")
    )


def _appeal_deciders(consultation: ConsultationPage) -> list[User]:
    """The appeal body's active members; without members chosen, the centre's active
    officials who may decide the consultation's appeals."""
    members = appeal_body_members(appeal_setup(consultation))
    if members:
        return [member for member in members if member.is_active]
    centre = consultation.centre
    if centre is None:
        return []
    group = roles.centre_groups_ensure(centre)[roles.OFFICIAL]
    return [
        user
        for user in group.user_set.filter(is_active=True).order_by("pk")
        if roles.is_staff_for_consultation(user, STAFF_PERMISSION, consultation)
    ]


def appeal_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email each official who may decide appeals one digest of the appeals due within
    MAM_APPEAL_REMINDER_DAYS or overdue; returns how many digests were sent.

    An appeal is in an official's digest once a day, under a done-mark per appeal, official
    and day (jobs.services.run_once): running it hourly sends nothing twice the same day.
    """
    today = timezone.localdate(_now(now))
    deciders: dict[int, list[User]] = {}
    digests: dict[int, tuple[User, list[Appeal]]] = {}
    for appeal in appeals_due(today):
        consultation = appeal.review.proposal.consultation
        if consultation.pk not in deciders:
            deciders[consultation.pk] = _appeal_deciders(consultation)
        for user in deciders[consultation.pk]:
            digests.setdefault(user.pk, (user, []))[1].append(appeal)
    sent = 0
    for user, appeals in digests.values():
        with transaction.atomic():
            fresh = [
                appeal
                for appeal in appeals
                if run_once(f"review:appeal-due:{appeal.pk}:{today.isoformat()}:{user.pk}", _noop)
            ]
            if fresh:
                _appeals_digest(user, fresh, today)
                sent += 1
    return sent


def _noop() -> None:
    """The work of a done-mark that only records that an appeal was put in a digest."""


def _appeals_digest(user: User, appeals: list[Appeal], today: datetime.date) -> None:
    send_user_email(
        user,
        "review/email/appeals_due",
        {
            "appeals": [
                {
                    "appeal": appeal,
                    "proposal": appeal.review.proposal,
                    "consultation": appeal.review.proposal.consultation,
                    "overdue": appeal.is_overdue(today),
                    "url": absolute_url(reverse("mam_reviews:appeal", args=[appeal.review_id])),
                }
                for appeal in appeals
            ],
            "overdue": sum(appeal.is_overdue(today) for appeal in appeals),
        },
    )
