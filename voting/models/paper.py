"""The paper channel's records (voting/paper_entry.py, voting/paper_protocol.py): each staff
member's typing of a card, and the commission's protocol. Entries carry staff, never the voter.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PaperEntry(models.Model):
    """One staff member's typing of one paper card: the marks as plain data, no voter."""

    ballot = models.ForeignKey(
        "voting.Ballot",
        verbose_name=_("ballot"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    # {"invalid": bool, "proposals": [ids, sorted], "answers": {"question id": answer}}
    content = models.JSONField(_("marks"))

    class Meta:
        db_table = "consultations_paperentry"
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        ordering = ["entered_at", "pk"]

    def __str__(self):
        return f"{self.ballot_id} ({self.entered_at:%Y-%m-%d %H:%M})"


class PaperProtocol(models.Model):
    """The voting commission's protocol of the paper vote, as the commission signed it."""

    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="paper_protocol",
    )
    cards_received = models.PositiveIntegerField(_("cards received by the commission"))
    cards_issued = models.PositiveIntegerField(_("cards issued to voters"))
    cards_unused = models.PositiveIntegerField(_("unused cards returned"))
    cards_valid = models.PositiveIntegerField(_("valid cards"))
    invalid_no_mark = models.PositiveIntegerField(_("invalid: no mark"), default=0)
    invalid_too_many = models.PositiveIntegerField(
        _("invalid: too many marks or over the amount"), default=0
    )
    invalid_other = models.PositiveIntegerField(
        _("invalid: other reason (torn, no stamp, unreadable)"), default=0
    )
    members = models.TextField(
        _("members of the commission"), help_text=_("One person a line: name and role.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    # Why the figures do not match the entered cards; accepted for figures as entered then.
    explanation = models.TextField(_("explanation of the differences"), blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("explained by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explained_at = models.DateTimeField(_("explained at"), null=True, blank=True)

    class Meta:
        db_table = "consultations_paperprotocol"
        verbose_name = _("paper vote protocol")
        verbose_name_plural = _("paper vote protocols")

    def __str__(self):
        return str(self.consultation)

    @property
    def cards_invalid(self) -> int:
        return self.invalid_no_mark + self.invalid_too_many + self.invalid_other
