"""Reporting contributions, hiding and restoring them, warning and blocking users."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import Moderatable, Report, User, UserWarning
from accounts.notifications import send_user_email
from config import cache_versions


def _reports_for(target: Moderatable):
    return Report.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    )


def _pages_changed(target: Moderatable) -> None:
    """Anonymous visitors' cached pages that show `target` must be rebuilt.

    A model whose pages are not a consultation's (an initiative, its updates) says so itself
    through a `pages_changed()` method.
    """
    own = getattr(target, "pages_changed", None)
    if callable(own):
        own()
        return
    consultation_id = getattr(target, "pages_consultation_id", None)
    if consultation_id is not None:
        cache_versions.pages_changed(consultation_id)


def report_submit(*, reporter: User, target: Moderatable, reason: str, details: str = "") -> Report:
    """Flag a contribution to moderators; a second open report by the same person is ignored."""
    if reporter.is_blocked:
        raise ValidationError(_("Your account is blocked, so you cannot report content."))
    if reason not in Report.Reason.values:
        raise ValidationError(_("Choose why you are reporting this."))
    existing = _reports_for(target).open().filter(reporter=reporter).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return Report.objects.create(
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                centre=target.moderation_centre,
                reporter=reporter,
                reason=reason,
                details=details.strip(),
            )
    except IntegrityError:  # the same person reported twice at the same moment
        return _reports_for(target).open().get(reporter=reporter)


@transaction.atomic
def contribution_hide(*, target: Moderatable, moderator: User, reason: str) -> Moderatable:
    """Hide a contribution with a public reason; the open reports on it are resolved."""
    if not reason.strip():
        raise ValidationError(_("Give the public reason for hiding."))
    target.hidden_at = timezone.now()
    target.hidden_by = moderator
    target.hidden_reason = reason.strip()
    target.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _reports_for(target).open().update(
        state=Report.State.UPHELD, resolved_by=moderator, resolved_at=timezone.now()
    )
    log(target, "mam.moderation.hide", user=moderator, data={"reason": reason.strip()})
    _pages_changed(target)
    return target


@transaction.atomic
def contribution_restore(*, target: Moderatable, moderator: User) -> Moderatable:
    target.hidden_at = None
    target.hidden_by = None
    target.hidden_reason = ""
    target.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    log(target, "mam.moderation.restore", user=moderator)
    _pages_changed(target)
    return target


@transaction.atomic
def reports_dismiss(*, target: Moderatable, moderator: User) -> int:
    """Close the open reports on a contribution that breaks no rule."""
    count = (
        _reports_for(target)
        .open()
        .update(state=Report.State.DISMISSED, resolved_by=moderator, resolved_at=timezone.now())
    )
    log(target, "mam.moderation.dismiss", user=moderator, data={"reports": count})
    return count


@transaction.atomic
def user_warn(*, user: User, moderator: User, reason: str) -> UserWarning:
    if not reason.strip():
        raise ValidationError(_("Say what the warning is for."))
    warning = UserWarning.objects.create(user=user, given_by=moderator, reason=reason.strip())
    log(user, "mam.user.warn", user=moderator, data={"reason": reason.strip()})
    send_user_email(user, "accounts/email/warning", {"reason": reason.strip()})
    return warning


@transaction.atomic
def user_block(*, user: User, moderator: User, reason: str) -> User:
    """Stop a user posting; they can still read and download or delete their data."""
    if not reason.strip():
        raise ValidationError(_("Say why the account is blocked."))
    if user.is_superuser:
        raise ValidationError(_("An administrator cannot be blocked."))
    user.blocked_at = timezone.now()
    user.blocked_reason = reason.strip()
    user.save(update_fields=["blocked_at", "blocked_reason"])
    log(user, "mam.user.block", user=moderator, data={"reason": reason.strip()})
    send_user_email(user, "accounts/email/blocked", {"reason": reason.strip()})
    return user


@transaction.atomic
def user_unblock(*, user: User, moderator: User) -> User:
    user.blocked_at = None
    user.blocked_reason = ""
    user.save(update_fields=["blocked_at", "blocked_reason"])
    log(user, "mam.user.unblock", user=moderator)
    return user
