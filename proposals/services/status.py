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
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import send_user_email
from jobs.services import enqueue_in_transaction, run_once
from proposals.models import Comment, Follow, Proposal, StatusChange
from proposals.page_cache import pages_changed

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
    Status.SELECTED: {Status.IN_PROGRESS},
    Status.IN_PROGRESS: {Status.IMPLEMENTED},
    Status.MERGED: set(),
    Status.REJECTED: set(),
    Status.IMPLEMENTED: set(),
    Status.WITHDRAWN: set(),
}


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
) -> StatusChange:
    """Move a proposal along the workflow with a public answer; tell the author and followers.

    `staff_checked=True` when the caller already decided that `by` may (publishing a vote's
    result is allowed to the consultation's editors, who are not officials).
    """
    if not staff_checked:
        _check_staff(proposal, by)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    answer = answer.strip()
    forwarded_to = forwarded_to.strip()
    if status not in TRANSITIONS.get(proposal.status, set()):
        raise ValidationError(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {"current": proposal.get_status_display(), "new": Status(status).label}
            if status in Status.values
            else _("Choose a status.")
        )
    if status == Status.REJECTED and not answer:
        raise ValidationError(_("Give the reason for rejecting the proposal."))
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
    if answer_due and not forwarded_to:
        raise ValidationError(_("Name the body the proposal is forwarded to."))

    proposal.status = status
    proposal.merged_into = merged_into
    fields = ["status", "merged_into", "updated_at"]
    if forwarded_to:
        proposal.forwarded_to = forwarded_to
        proposal.answer_due = answer_due
        fields += ["forwarded_to", "answer_due"]
    proposal.save(update_fields=fields)
    change = StatusChange.objects.create(
        proposal=proposal,
        status=status,
        answer=answer,
        forwarded_to=forwarded_to,
        answer_due=answer_due if forwarded_to else None,
        changed_by=by,
    )
    log(
        proposal,
        "mam.proposal.status",
        user=by,
        data={"status": status, "merged_into": merged_into.pk if merged_into else None},
    )
    pages_changed(proposal.consultation_id)
    enqueue_in_transaction(notify_status_change, change_id=change.pk)
    return change


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
    consultation = proposal.consultation
    base = consultation.get_full_url() or ""
    return base + consultation.reverse_subpage("proposal_detail", kwargs={"pk": proposal.pk})


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
    from django.conf import settings

    try:
        path = reverse("proposals:unsubscribe", args=[unsubscribe_token(proposal, user)])
    except NoReverseMatch:  # proposals.urls not routed in this configuration
        return ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _recipients(proposal: Proposal, preference: str):
    """The author and the followers who want this kind of email, each once."""
    wanted = Q(follows__proposal=proposal)
    if proposal.author_id:
        wanted |= Q(pk=proposal.author_id)
    return User.objects.filter(wanted, is_active=True, **{preference: True}).distinct()


def status_notify(*, change: StatusChange) -> None:
    """Email the author and followers about one step of the proposal's history."""
    proposal = change.proposal
    context = {
        "proposal": proposal,
        "change": change,
        "proposal_url": proposal_absolute_url(proposal),
    }
    for user in _recipients(proposal, "notify_status_changes"):
        send_user_email(
            user,
            "proposals/email/status_changed",
            {**context, "unsubscribe_url": unsubscribe_url(proposal, user)},
        )


@task()
def notify_status_change(*, change_id: int) -> None:
    """status_notify() in the worker; its emails are queued once, however often it runs."""
    change = StatusChange.objects.select_related("proposal").get(pk=change_id)
    run_once(f"status-change:{change_id}", lambda: status_notify(change=change))


@task()
def notify_new_comment(*, comment_id: int, now: str) -> None:
    """comments_notify() in the worker (`now`: when the comment was written, ISO 8601); its
    emails are queued once, however often it runs."""
    comment = Comment.objects.select_related("proposal").get(pk=comment_id)
    written = datetime.datetime.fromisoformat(now)
    run_once(f"comment:{comment_id}", lambda: comments_notify(comment=comment, now=written))


def comments_notify(*, comment: Comment, now: datetime.datetime | None = None) -> int:
    """Email followers about new comments, at most once an hour per proposal and follower.

    Each email counts the comments written since that follower's previous one, so comments
    that arrived within the hour are reported with the next one. Returns the emails sent.
    """
    now = now or timezone.now()
    proposal = comment.proposal
    cutoff = now - COMMENT_EMAIL_INTERVAL
    due = Q(last_notified_at__isnull=True) | Q(last_notified_at__lte=cutoff)
    follows = (
        Follow.objects.filter(
            due, proposal=proposal, user__is_active=True, user__notify_comments=True
        )
        .exclude(user=comment.author_id)
        .select_related("user")
    )
    proposal_url = proposal_absolute_url(proposal)
    sent = 0
    for follow in follows:
        since = follow.last_notified_at or follow.created_at
        # Claim the slot first: a parallel comment must not send a second email this hour.
        if not Follow.objects.filter(due, pk=follow.pk).update(last_notified_at=now):
            continue
        new = Comment.objects.filter(
            proposal=proposal,
            created_at__gt=since,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        ).exclude(author=follow.user)
        send_user_email(
            follow.user,
            "proposals/email/new_comments",
            {
                "proposal": proposal,
                "count": max(new.count(), 1),
                "comment": comment,
                "proposal_url": proposal_url,
                "unsubscribe_url": unsubscribe_url(proposal, follow.user),
            },
        )
        sent += 1
    return sent
