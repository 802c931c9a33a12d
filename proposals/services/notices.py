"""The emails about a proposal: status changes to its author and followers, and the hourly
comment digests (claimed and queued in one transaction), with the signed unsubscribe link.

The tasks that send them in the worker stay in proposals.services.status (their import path)."""

import datetime

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from accounts.notifications import send_user_email
from home.links import absolute_url
from proposals.models import Comment, Follow, Proposal, StatusChange

UNSUBSCRIBE_SALT = "proposals.unsubscribe"
COMMENT_EMAIL_INTERVAL = datetime.timedelta(hours=1)


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
