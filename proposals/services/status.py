"""Officials' answers: status changes, forwarding to outside bodies, and the emails they send."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts.models import User
from config.cache_versions import pages_changed
from jobs.services import enqueue_in_transaction, run_once
from proposals.models import Comment, Proposal, StatusChange
from proposals.services.notices import (
    COMMENT_EMAIL_INTERVAL,
    UNSUBSCRIBE_SALT,
    comments_notify,
    comments_pending_mark,
    flush_comment_notifications,
    proposal_absolute_url,
    status_notify,
    unsubscribe_token,
    unsubscribe_unsign,
    unsubscribe_url,
)
from proposals.services.transitions import (
    REINSTATED,
    STAFF_PERMISSION,
    TRANSITIONS,
    _check_merge_target,
    _check_staff,
    _check_transition,
    allowed_statuses,
    is_overdue,
    manual_refusal,
)

__all__ = [
    "Status",
    "STAFF_PERMISSION",
    "TRANSITIONS",
    "REINSTATED",
    "allowed_statuses",
    "is_overdue",
    "manual_refusal",
    "status_change",
    "official_cost_set",
    "forward_to_body",
    "record_outside_answer",
    "notify_status_change",
    "notify_new_comment",
    "COMMENT_EMAIL_INTERVAL",
    "UNSUBSCRIBE_SALT",
    "comments_notify",
    "comments_pending_mark",
    "flush_comment_notifications",
    "proposal_absolute_url",
    "status_notify",
    "unsubscribe_token",
    "unsubscribe_unsign",
    "unsubscribe_url",
]

Status = Proposal.Status


def _save_new_status(
    proposal: Proposal,
    status: str,
    *,
    merged_into: Proposal | None,
    forwarded_to: str,
    answer_due: datetime.date | None,
) -> None:
    """Write the new status; the outside body and its date change only when one is named."""
    proposal.status = status
    proposal.merged_into = merged_into
    fields = ["status", "merged_into", "updated_at"]
    if forwarded_to:
        proposal.forwarded_to = forwarded_to
        proposal.answer_due = answer_due
        fields += ["forwarded_to", "answer_due"]
    proposal.save(update_fields=fields)


def _record_change(
    proposal: Proposal,
    status: str,
    *,
    answer: str,
    forwarded_to: str,
    answer_due: datetime.date | None,
    merged_into: Proposal | None,
    by: User,
    now: datetime.datetime | None,
) -> StatusChange:
    """Keep the public answer in the proposal's history and the change in the audit log."""
    change = StatusChange.objects.create(
        proposal=proposal,
        status=status,
        answer=answer,
        forwarded_to=forwarded_to,
        answer_due=answer_due if forwarded_to else None,
        changed_by=by,
        created_at=now or timezone.now(),
    )
    log(
        proposal,
        "mam.proposal.status",
        user=by,
        data={"status": status, "merged_into": merged_into.pk if merged_into else None},
    )
    return change


@transaction.atomic
def status_change(
    *,
    proposal: Proposal,
    status: str,
    answer: str,
    by: User,
    forwarded_to: str = "",
    answer_due: datetime.date | None = None,
    merged_into: Proposal | None = None,
    staff_checked: bool = False,
    reinstate: bool = False,
    notify_author: bool = True,
    notify: bool = True,
    manual: bool = False,
    now: datetime.datetime | None = None,
) -> StatusChange:
    """Move a proposal along the workflow with a public answer; tell the author and followers.

    `staff_checked=True` when the caller already decided that `by` may (publishing a vote's
    result is allowed to the consultation's editors, who are not officials). `reinstate=True`
    lets a rejected proposal be accepted (an appeal upheld); `notify_author=False` when the
    caller writes to the author itself (the review's outcome); `notify=False` when the caller
    emails the author and the followers the same news itself (an implementation record's
    change). `manual=True` when an official chooses the status by hand in the admin: apps
    above may refuse it (manual_refusal).
    """
    if not staff_checked:
        _check_staff(proposal, by)
    if manual and (refusal := manual_refusal(proposal, status)):
        raise ValidationError(refusal)
    # Lock the row inside this transaction so two officials answering at once see each
    # other's change and the transition is checked against the current status.
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    answer = answer.strip()
    forwarded_to = forwarded_to.strip()
    _check_transition(proposal, status, answer=answer, reinstate=reinstate)
    _check_merge_target(proposal, status, merged_into)
    if answer_due and not forwarded_to:
        raise ValidationError(_("Name the body the proposal is forwarded to."))

    _save_new_status(
        proposal, status, merged_into=merged_into, forwarded_to=forwarded_to, answer_due=answer_due
    )
    change = _record_change(
        proposal,
        status,
        answer=answer,
        forwarded_to=forwarded_to,
        answer_due=answer_due,
        merged_into=merged_into,
        by=by,
        now=now,
    )
    pages_changed(proposal.consultation_id)
    if notify:
        _enqueue_notices(change, notify_author=notify_author)
    return change


def _enqueue_notices(change: StatusChange, *, notify_author: bool) -> None:
    """Email the followers (and the author unless told not to) once the change commits."""
    enqueue_in_transaction(
        notify_status_change,
        change_id=change.pk,
        **({} if notify_author else {"author": False}),
    )


@transaction.atomic
def official_cost_set(*, proposal: Proposal, amount, by: User, staff_checked: bool = False) -> None:
    """Replace the author's estimate on the ballot with the town's own cost estimate."""
    if not staff_checked:
        _check_staff(proposal, by)
    if amount is not None and amount < 0:
        raise ValidationError(_("A cost cannot be negative."))
    Proposal.objects.filter(pk=proposal.pk).update(official_cost=amount, updated_at=timezone.now())
    proposal.official_cost = amount
    pages_changed(proposal.consultation_id)


@transaction.atomic
def forward_to_body(
    *, proposal: Proposal, body_name: str, answer_due: datetime.date | None, by: User
) -> StatusChange:
    """Forward the proposal to an outside body (the waste company, the bus operator...)."""
    _check_staff(proposal, by)
    body_name = body_name.strip()
    if not body_name:
        raise ValidationError(_("Name the body the proposal is forwarded to."))
    if answer_due and answer_due < timezone.localdate():
        raise ValidationError(_("The answer date cannot be in the past."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.forwarded_to = body_name
    proposal.answer_due = answer_due
    proposal.save(update_fields=["forwarded_to", "answer_due", "updated_at"])
    change = StatusChange.objects.create(
        proposal=proposal,
        status=proposal.status,
        forwarded_to=body_name,
        answer_due=answer_due,
        changed_by=by,
    )
    log(proposal, "mam.proposal.forward", user=by, data={"to": body_name})
    pages_changed(proposal.consultation_id)
    enqueue_in_transaction(notify_status_change, change_id=change.pk)
    return change


@transaction.atomic
def record_outside_answer(*, proposal: Proposal, answer: str, by: User) -> StatusChange:
    """Enter the outside body's answer; the proposal is no longer waiting (nor overdue)."""
    _check_staff(proposal, by)
    answer = answer.strip()
    if not answer:
        raise ValidationError(_("Enter the answer you received."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not proposal.forwarded_to:
        raise ValidationError(_("This proposal was not forwarded to any outside body."))
    proposal.answer_due = None
    proposal.save(update_fields=["answer_due", "updated_at"])
    change = StatusChange.objects.create(
        proposal=proposal,
        status=proposal.status,
        answer=answer,
        forwarded_to=proposal.forwarded_to,
        changed_by=by,
    )
    log(proposal, "mam.proposal.outside_answer", user=by, data={"from": proposal.forwarded_to})
    pages_changed(proposal.consultation_id)
    enqueue_in_transaction(notify_status_change, change_id=change.pk)
    return change


# Emails: written in proposals/services/notices.py; the tasks stay here (their import path)


@task()
def notify_status_change(*, change_id: int, author: bool = True) -> None:
    """status_notify() in the worker; its emails are queued once, however often it runs."""
    change = StatusChange.objects.select_related("proposal").get(pk=change_id)
    run_once(f"status-change:{change_id}", lambda: status_notify(change=change, author=author))


@task()
def notify_new_comment(*, comment_id: int, now: str) -> None:
    """comments_notify() in the worker (`now`: when the comment was written, ISO 8601).

    Each batch is claimed and its email queued in one transaction, so a run repeated after
    its worker died sends nothing twice and finishes what the first one left.
    """
    comment = Comment.objects.filter(pk=comment_id).select_related("proposal").first()
    if comment is not None:
        comments_notify(comment=comment, now=datetime.datetime.fromisoformat(now))
