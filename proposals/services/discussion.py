"""Comments on proposals: one level of replies, a short edit window, deleting one's own."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles
from accounts.models import User
from config.cache_versions import pages_changed
from consultations import participation
from jobs.services import enqueue_in_transaction
from proposals.models import COMMENT_MAX, Comment, Proposal
from proposals.services.engagement import STAFF_PERMISSION
from proposals.services.status import comments_pending_mark, notify_new_comment

EDIT_WINDOW = datetime.timedelta(minutes=15)


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your comment."))
    if len(body) > COMMENT_MAX:
        raise ValidationError(
            ngettext(
                "Keep the comment to %(max)d character (now %(count)d).",
                "Keep the comment to %(max)d characters (now %(count)d).",
                COMMENT_MAX,
            )
            % {"max": COMMENT_MAX, "count": len(body)}
        )
    return body


def is_official_author(user: User, proposal: Proposal) -> bool:
    """Officials of the proposal's centre write official comments."""
    return roles.is_staff_for_consultation(user, STAFF_PERMISSION, proposal.consultation)


@transaction.atomic
def comment_add(
    *,
    proposal: Proposal,
    author: User,
    body: str,
    parent: Comment | None = None,
    now: datetime.datetime | None = None,
) -> Comment:
    """Comment on a proposal, or reply; a reply to a reply joins its top-level thread."""
    now = now or timezone.now()
    body = _clean_body(body)
    official = is_official_author(author, proposal)
    if not official:
        participation.require(author, proposal.consultation, "comment", now)
    if proposal.is_hidden:
        raise ValidationError(_("This proposal was hidden by a moderator."))
    if parent is not None:
        if parent.proposal_id != proposal.pk:
            raise ValidationError(_("You can reply only to a comment on this proposal."))
        if parent.parent_id:
            parent = parent.parent
        if parent.deleted_at or parent.is_hidden:
            raise ValidationError(_("This comment was removed, so it takes no replies."))
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    comment = Comment.objects.create(
        proposal=proposal,
        parent=parent,
        author=author,
        body=body,
        is_official=official,
        created_at=now,
    )
    Proposal.objects.filter(pk=proposal.pk).update(comments_count=F("comments_count") + 1)
    pages_changed(proposal.consultation_id)
    comments_pending_mark(comment=comment)

    enqueue_in_transaction(notify_new_comment, comment_id=comment.pk, now=now.isoformat())
    return comment


def can_edit(comment: Comment, user, now: datetime.datetime | None = None) -> bool:
    """The author may correct a comment within 15 minutes of writing it."""
    now = now or timezone.now()
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and not comment.deleted_at
        and not comment.is_hidden
        and now - comment.created_at <= EDIT_WINDOW
    )


def can_delete(comment: Comment, user) -> bool:
    return user.is_authenticated and comment.author_id == user.pk and not comment.deleted_at


@transaction.atomic
def comment_edit(
    *, comment: Comment, author: User, body: str, now: datetime.datetime | None = None
) -> Comment:
    """Correct one's own comment within the edit window; it is marked as edited."""
    now = now or timezone.now()
    if comment.author_id != author.pk:
        raise PermissionDenied
    if not can_edit(comment, author, now):
        raise ValidationError(_("A comment can be changed only within 15 minutes of writing it."))
    comment.body = _clean_body(body)
    comment.edited_at = now
    comment.save(update_fields=["body", "edited_at"])
    pages_changed(comment.proposal.consultation_id)
    return comment


@transaction.atomic
def comment_delete(
    *, comment: Comment, author: User, now: datetime.datetime | None = None
) -> Comment:
    """Delete one's own comment: its text goes; replies keep a "comment deleted" parent."""
    if comment.author_id != author.pk:
        raise PermissionDenied
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.deleted_at:
        return comment
    comment.deleted_at = now or timezone.now()
    comment.body = ""
    comment.save(update_fields=["deleted_at", "body"])
    Proposal.objects.filter(pk=comment.proposal_id, comments_count__gt=0).update(
        comments_count=F("comments_count") - 1
    )
    pages_changed(comment.proposal.consultation_id)
    return comment
