"""What residents do with a proposal: support it, pledge help, follow it, comment on it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Moderatable
from proposals.models.proposals import Proposal

# An offer of help's note ("I can bring tools"): a pledge's, and a sign-up's for an
# initiative's need (initiatives.models.NeedSignUp), which generalises the pledge.
OFFER_NOTE_MAX = 300

COMMENT_MAX = 2000


class Support(models.Model):
    """One person's support for a proposal: at most one each (a database constraint)."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("in person at the centre")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="proposals_one_support")
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class Pledge(models.Model):
    """'I will help': a resident offers to take part in making the proposal happen."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="pledges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pledges"
    )
    note = models.CharField(_("how you can help"), max_length=OFFER_NOTE_MAX, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("offer of help")
        verbose_name_plural = _("offers of help")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="proposals_one_pledge")
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class Follow(models.Model):
    """Someone wants emails about a proposal; authors follow their own."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Comment emails are batched: at most one an hour per proposal and follower.
    last_notified_at = models.DateTimeField(null=True, blank=True)
    # The first comment not yet emailed to this follower; cleared when its batch is sent
    # (proposals.services.status.flush_comment_notifications).
    comments_pending_since = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="proposals_one_follow")
        ]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class CommentQuerySet(models.QuerySet):
    def top_level(self):
        """Comments that are not replies."""
        return self.filter(parent__isnull=True)


class Comment(Moderatable):
    """A comment on a proposal, with one level of replies."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    is_official = models.BooleanField(_("official answer"), default=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["proposal", "created_at"])]

    def __str__(self):
        return self.body[:60]

    @property
    def moderation_centre(self):
        return self.proposal.consultation.centre

    @property
    def is_reportable(self) -> bool:
        """Shown to the public: not hidden or deleted, under a proposal that is reportable."""
        return not (self.is_hidden or self.deleted_at) and self.proposal.is_reportable

    @property
    def pages_consultation_id(self) -> int:
        """The consultation whose cached pages show this (home/page_cache.py)."""
        return self.proposal.consultation_id
