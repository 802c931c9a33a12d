"""The moderation mechanism shared by every kind of contribution (proposals, comments)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Moderatable(models.Model):
    """A contribution a moderator can hide, with a reason everyone can read."""

    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True, db_index=True)
    hidden_reason = models.CharField(_("public reason for hiding"), max_length=250, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_reportable(self) -> bool:
        """Whether anyone may report this: only what the public sees (never hidden content)."""
        return not self.is_hidden

    @property
    def moderation_author(self):
        """The user whose contribution this is; models override where the field differs."""
        return getattr(self, "author", None)

    @property
    def moderation_centre(self):
        """The centre whose moderators deal with this; contribution models override it."""
        return None


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has dealt with yet."""
        return self.filter(state=Report.State.OPEN)


class Report(models.Model):
    """A signed-in user tells moderators a contribution breaks the rules."""

    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("offensive or hateful language")
        PERSONAL_DATA = "personal_data", _("someone's personal data")
        SPAM = "spam", _("spam or advertising")
        OFF_TOPIC = "off_topic", _("not about this consultation")
        OTHER = "other", _("something else")

    class State(models.TextChoices):
        OPEN = "open", _("waiting for a moderator")
        UPHELD = "upheld", _("content hidden")
        DISMISSED = "dismissed", _("no action needed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    centre = models.ForeignKey(
        "home.CentrePage",
        verbose_name=_("centre"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Whose moderators deal with the report."),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports_made",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True, max_length=1000)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=models.Q(state="open"),
                name="accounts_one_open_report_per_reporter",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} – {self.content_type.name} #{self.object_id}"


class UserWarning(models.Model):
    """A moderator's warning to a user, sent by email and kept for the record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="warnings",
    )
    reason = models.TextField(_("reason"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} – {self.created_at:%Y-%m-%d}"
