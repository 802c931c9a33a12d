"""Officials' answers: status changes, forwarding to outside bodies, and the emails they send."""

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail import hooks
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from config.cache_versions import pages_changed
from home.links import absolute_url
from jobs.services import enqueue_in_transaction, run_once
from proposals.models import Comment, Follow, Proposal, StatusChange

Status = Proposal.Status
STAFF_PERMISSION = "proposals.change_proposal"
UNSUBSCRIBE_SALT = "proposals.unsubscribe"
COMMENT_EMAIL_INTERVAL = datetime.timedelta(hours=1)

# Where a proposal may go next. Withdrawing is the author's (proposal_withdraw elsewhere).
TRANSITIONS: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.UNDER_REVIEW, Status.MERGED, Status.REJECTED},
    Status.UNDER_REVIEW: {Status.ACCEPTED, Status.MERGED, Status.REJECTED},
    Status.ACCEPTED: {Status.SELECTED, Status.NOT_SELECTED, Status.REJECTED},
    Status.NOT_SELECTED: set(),
    # A funded project done at once, and one found not done after all, move back and forth
    # (implementation.services follows its record this way).
    Status.SELECTED: {Status.IN_PROGRESS, Status.IMPLEMENTED},
    Status.IN_PROGRESS: {Status.IMPLEMENTED},
    Status.MERGED: set(),
    Status.REJECTED: set(),
    Status.IMPLEMENTED: {Status.IN_PROGRESS},
    Status.WITHDRAWN: set(),
}
# A project not admitted in the review and reinstated on appeal (review.services).
REINSTATED: dict[str, set[str]] = {Status.REJECTED: {Status.ACCEPTED}}


def allowed_statuses(proposal: Proposal) -> list[str]:
    """The statuses an official may move `proposal` to now, in workflow order."""
    following = TRANSITIONS.get(proposal.status, set())
    return [value for value in Status.values if value in following]


def is_overdue(proposal: Proposal, today: datetime.date | None = None) -> bool:
    """Forwarded to an outside body whose promised answer date passed without an answer."""
    today = today or timezone.localdate()
    return bool(proposal.forwarded_to and proposal.answer_due and proposal.answer_due < today)


def _check_staff(proposal: Proposal, by: User) -> None:
    if not roles.is_staff_for(by, STAFF_PERMISSION, proposal.consultation.centre):
        raise ValidationError(_("Only officials of this centre can answer this proposal."))


def manual_refusal(proposal: Proposal, status: str) -> str:
    """Why an official may not set `status` by hand (the `mam_status_change_checks` hook: a
    function of the proposal and the status returning a sentence or ""), or ""."""
    for check in hooks.get_hooks("mam_status_change_checks"):
        if refusal := check(proposal, status):
            return refusal
    return ""


def _check_transition(proposal: Proposal, status: str, *, answer: str, reinstate: bool) -> None:
    """Refuse a status the workflow does not allow from the current one, or a bare rejection."""
    following = TRANSITIONS.get(proposal.status, set())
    if reinstate:
        following = following | REINSTATED.get(proposal.status, set())
    if status not in following:
        raise ValidationError(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {"current": proposal.get_status_display(), "new": Status(status).label}
            if status in Status.values
            else _("Choose a status.")
        )
    if status == Status.REJECTED and not answer:
        raise ValidationError(_("Give the reason for rejecting the proposal."))


def _check_merge_target(proposal: Proposal, status: str, merged_into: Proposal | None) -> None:
    """Refuse a merge without a fitting target, and a target without a merge."""
    if status == Status.MERGED:
        if merged_into is None:
            raise ValidationError(_("Choose the proposal this one is merged into."))
        if merged_into.pk == proposal.pk or merged_into.consultation_id != proposal.consultation_id:
            raise ValidationError(
                _("A proposal can be merged only into another one of the same consultation.")
            )
        if merged_into.status in (Status.MERGED, Status.WITHDRAWN):
            raise ValidationError(_("That proposal was itself merged or withdrawn."))
    elif merged_into is not None:
        raise ValidationError(_("Choose “merged” to merge proposals."))


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


# Emails ---------------------------------------------------------------------------------


def proposal_absolute_url(proposal: Proposal) -> str:
    return absolute_url(proposal.get_absolute_url())


def unsubscribe_token(proposal: Proposal, user: User) -> str:
    return signing.dumps({"p": proposal.pk, "u": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_unsign(token: str) -> tuple[int, int] | None:
    """The (proposal, user) ids a token was made for, or None when it was tampered with."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["p"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(proposal: Proposal, user: User) -> str:
    """A signed link that stops the emails about `proposal` without signing in."""
    try:
        path = reverse("proposals:unsubscribe", args=[unsubscribe_token(proposal, user)])
    except NoReverseMatch:  # proposals.urls not routed in this configuration
        return ""
    return absolute_url(path)


def _recipients(proposal: Proposal, preference: str, *, author: bool = True):
    """The author and the followers who want this kind of email, each once."""
    wanted = Q(follows__proposal=proposal)
    if proposal.author_id and author:
        wanted |= Q(pk=proposal.author_id)
    found = User.objects.filter(wanted, is_active=True, **{preference: True})
    if not author and proposal.author_id:
        found = found.exclude(pk=proposal.author_id)
    return found.distinct()


def status_notify(*, change: StatusChange, author: bool = True) -> None:
    """Email the author (unless `author=False`) and followers about one step of the history."""
    proposal = change.proposal
    context = {
        "proposal": proposal,
        "change": change,
        "proposal_url": proposal_absolute_url(proposal),
    }
    for user in _recipients(proposal, "notify_status_changes", author=author):
        send_user_email(
            user,
            "proposals/email/status_changed",
            {**context, "unsubscribe_url": unsubscribe_url(proposal, user)},
        )


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


def comments_pending_mark(*, comment: Comment) -> int:
    """Note, in the comment's own transaction, that its proposal's followers have news.

    The mark is what the flush sends from, so a comment is never lost between two emails.
    """
    return (
        Follow.objects.filter(
            proposal_id=comment.proposal_id,
            comments_pending_since__isnull=True,
            user__is_active=True,
            user__notify_comments=True,
        )
        .exclude(user_id=comment.author_id)
        .update(comments_pending_since=comment.created_at)
    )


def _due_comment_batches(now: datetime.datetime):
    """Follows with unreported comments whose hourly slot is free at `now`."""
    free = Q(last_notified_at__isnull=True) | Q(last_notified_at__lte=now - COMMENT_EMAIL_INTERVAL)
    return Follow.objects.filter(
        free,
        comments_pending_since__isnull=False,
        comments_pending_since__lte=now,
        user__is_active=True,
        user__notify_comments=True,
    )


@transaction.atomic
def _comment_batch_send(*, follow_id: int, now: datetime.datetime) -> bool:
    """Claim one follower's batch and queue its email in the same transaction."""
    follow = (
        _due_comment_batches(now)
        .select_for_update(of=("self",))
        .select_related("user", "proposal")
        .filter(pk=follow_id)
        .first()
    )
    if follow is None:  # another flush sent it, or nothing is due any more
        return False
    since = follow.comments_pending_since
    # Compare-and-set: of two flushes that read the same batch, only one claims it (SQLite
    # has no row locks; on PostgreSQL the lock above already makes the second one wait).
    claimed = Follow.objects.filter(pk=follow.pk, comments_pending_since=since).update(
        comments_pending_since=None, last_notified_at=now
    )
    if not claimed:
        return False
    new = Comment.objects.filter(
        proposal_id=follow.proposal_id,
        created_at__gte=since,
        created_at__lte=now,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
    ).exclude(author_id=follow.user_id)
    latest = new.select_related("author").order_by("-created_at", "-pk").first()
    if latest is None:  # deleted or hidden since: nothing left to tell
        return False
    proposal = follow.proposal
    send_user_email(
        follow.user,
        "proposals/email/new_comments",
        {
            "proposal": proposal,
            "count": new.count(),
            "comment": latest,
            "proposal_url": proposal_absolute_url(proposal),
            "unsubscribe_url": unsubscribe_url(proposal, follow.user),
        },
    )
    return True


def flush_comment_notifications(
    *, now: datetime.datetime | None = None, proposal: Proposal | None = None
) -> int:
    """Send every comment email that is due; returns how many were sent.

    At most one email an hour per proposal and follower; each counts the comments since the
    previous one. Run it every few minutes (the task worker's schedule, or cron): a batch is
    claimed and its email queued in one transaction, so it is never sent twice, even by two
    flushes at once.
    """
    now = now or timezone.now()
    due = _due_comment_batches(now)
    if proposal is not None:
        due = due.filter(proposal=proposal)
    follow_ids = list(due.order_by("pk").values_list("pk", flat=True))
    return sum(_comment_batch_send(follow_id=pk, now=now) for pk in follow_ids)


def comments_notify(*, comment: Comment, now: datetime.datetime | None = None) -> int:
    """Email the proposal's followers whose hourly slot is free, right after a comment.

    Followers emailed within the hour get the comment with the next flush.
    """
    return flush_comment_notifications(now=now or comment.created_at, proposal=comment.proposal)
