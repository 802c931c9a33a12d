"""Appeals: filed online or on paper (the appeal body emailed), decided by the appeal body,
the author emailed."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from config.cache_versions import pages_changed
from consultations.models import ConsultationPage
from consultations.participation import refused
from home.links import absolute_url
from jobs.services import enqueue_in_transaction, run_once
from proposals.services import status as proposal_status
from review.models import Appeal, Outcome, Review, ReviewSetup
from review.selectors import setup_of
from review.services.common import (
    STAFF_PERMISSION,
    Status,
    _check_staff,
    _now,
    decision_deadline,
)


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
    fields["decide_by"] = decision_deadline(fields["filed_at"], setup)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(review=review, **fields)
    except IntegrityError:  # a second appeal at the same moment: one per decision
        raise refused("appealed", _("This decision has already been appealed.")) from None
    pages_changed(review.proposal.consultation_id)
    enqueue_in_transaction(notify_appeal_filed, appeal_id=appeal.pk)
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
            staff_checked=True,  # the appeal body decided: its members need not be officials
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


@task()
def notify_appeal_filed(*, appeal_id: int) -> None:
    """Email whoever decides the appeal (the body's members, else the centre's officials)
    that it was filed: the project, the channel, the decision date and the appeal's screen;
    each of them once however often the task runs."""
    appeal = Appeal.objects.select_related("review__proposal__consultation").get(pk=appeal_id)
    if appeal.decision:
        return
    proposal = appeal.review.proposal
    context = {
        "appeal": appeal,
        "proposal": proposal,
        "consultation": proposal.consultation,
        "url": absolute_url(reverse("mam_reviews:appeal", args=[appeal.review_id])),
    }
    for user in _appeal_deciders(proposal.consultation):
        run_once(
            f"appeal-filed:{appeal_id}:{user.pk}",
            lambda user=user: send_user_email(user, "review/email/appeal_filed", context),
        )
