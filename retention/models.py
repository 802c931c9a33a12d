"""What the retention schedule deleted or anonymised, and when (docs/retention.md)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionRecord(models.Model):
    """One kind of personal data that expired, removed by one run of apply_retention."""

    class Kind(models.TextChoices):
        PAPER_VOTERS = "paper_voters", _("paper voters' names and addresses")
        RESIDENCY_DECLARATIONS = "residency_declarations", _("residency declarations")
        SUPPORTS = "supports", _("support lists")
        ROOM_CALLERS = "room_callers", _("names and contacts of callers who booked a room")
        DESK_SIGN_UPS = "desk_sign_ups", _("names of people signed up for an activity at the desk")

    class Action(models.TextChoices):
        DELETED = "deleted", _("deleted")
        ANONYMISED = "anonymised", _("anonymised")

    kind = models.CharField(_("kind of data"), max_length=32, choices=Kind.choices)
    action = models.CharField(_("what was done"), max_length=12, choices=Action.choices)
    count = models.PositiveIntegerField(_("records"))
    period_days = models.PositiveIntegerField(_("retention period (days)"))
    cutoff = models.DateTimeField(_("data that expired before"))
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    # Ids of the consultations or centres concerned; never a person's data.
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("retention record")
        verbose_name_plural = _("retention records")
        ordering = ["-applied_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.count} ({self.applied_at:%Y-%m-%d})"
