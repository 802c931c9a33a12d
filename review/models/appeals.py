"""The author's appeal against not admitting their project, and its decision."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from review.models.reviews import Review


class Appeal(models.Model):
    """The author's appeal against not admitting their project: one per decision."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("on paper at the centre")

    class Decision(models.TextChoices):
        PENDING = "", pgettext_lazy("appeal decision", "waiting for a decision")
        UPHELD = "upheld", pgettext_lazy("appeal decision", "upheld: the project is on the ballot")
        DISMISSED = "dismissed", pgettext_lazy("appeal decision", "dismissed")

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="appeal")
    reasons = models.TextField(_("reasons for the appeal"), max_length=5000)
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered at the centre by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"))
    decide_by = models.DateField(_("decision due"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default="", blank=True
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The body as it was named when it decided: the public sees the body, never its members.
    decided_by_body = models.CharField(_("decided by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        # Held by the appeal bodies' members (review.services.appeal_access): with it alone
        # the admin opens only the appeals of their consultations.
        permissions = [("decide_appeal", _("Can decide appeals as a member of an appeal body"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_at__isnull=False),
                name="review_appeal_decision_has_date",
            )
        ]

    def __str__(self):
        return str(self.review)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still undecided after the day the decision was due (Warsaw dates)."""
        return not self.decision and self.decide_by < (today or timezone.localdate())
