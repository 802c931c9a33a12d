"""Newsletters to the followers of a consultation or the people of an initiative."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from accounts.services.privacy import user_data_section

BODY_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class Newsletter(models.Model):
    """One email written by the centre's editors, sent once by the worker in batches."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    centre = models.ForeignKey(
        "home.CentrePage", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("followers of the consultation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletters",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name=_("members and supporters of the initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="newsletters",
    )
    subject = models.CharField(_("subject"), max_length=150)
    body = RichTextField(_("content"), features=BODY_FEATURES)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_count = models.PositiveIntegerField(_("emails sent"), default=0)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(consultation__isnull=False) & Q(initiative__isnull=True))
                | (Q(consultation__isnull=True) & Q(initiative__isnull=False)),
                name="outreach_newsletter_one_audience",
            )
        ]

    def __str__(self):
        return self.subject

    @property
    def audience(self):
        return self.consultation or self.initiative


class Delivery(models.Model):
    """A newsletter sent to one person: written in the transaction that sends the email, so a
    batch run again after its worker died skips everyone it already reached."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["newsletter", "user"], name="outreach_one_delivery")
        ]

    def __str__(self):
        return f"{self.newsletter} → {self.user}"


class OptOut(models.Model):
    """Someone who unsubscribed from a consultation's or an initiative's newsletters."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_opt_outs"
    )
    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, null=True, related_name="+"
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "consultation"],
                condition=Q(consultation__isnull=False),
                name="outreach_one_consultation_opt_out",
            ),
            models.UniqueConstraint(
                fields=["user", "initiative"],
                condition=Q(initiative__isnull=False),
                name="outreach_one_initiative_opt_out",
            ),
        ]

    def __str__(self):
        return f"{self.user} ✕ {self.consultation or self.initiative}"


class ConsultationFollow(models.Model):
    """Someone who follows a consultation itself: its newsletters reach them."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consultation_follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follower of a consultation")
        verbose_name_plural = _("followers of a consultation")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="outreach_one_consultation_follow"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.consultation}"


# Registered here, not from AppConfig.ready: models load in every process (the download too).
@user_data_section("consultations_followed")
def consultations_followed(user) -> list[dict]:
    """The consultations the person follows, for their data download."""
    own = (
        ConsultationFollow.objects.filter(user=user)
        .select_related("consultation")
        .order_by("created_at", "pk")
    )
    return [
        {
            "consultation": follow.consultation.title,
            "following_since": follow.created_at.isoformat(),
        }
        for follow in own
    ]
