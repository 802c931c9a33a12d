"""A date of an activity that is cancelled or moved, perhaps with its own number of places."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from events.models.pages import ActivityPage


class DateChange(Orderable):
    """A date of a recurring (or one-off) activity that is cancelled or moved; a moved date
    may have its own number of places (a smaller room), which sign-ups keep to."""

    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="date_changes")
    original_date = models.DateField(
        _("date as planned"), help_text=_("The day it would have taken place.")
    )
    new_starts_at = models.DateTimeField(
        _("moved to"), null=True, blank=True, help_text=_("Empty when it is cancelled.")
    )
    places = models.PositiveIntegerField(
        _("places on this date"),
        null=True,
        blank=True,
        help_text=_(
            "Only for a moved date with a different number of places, e.g. in a smaller room. "
            "Empty: the same as the other dates."
        ),
    )
    note = models.CharField(
        _("note for residents"), max_length=200, blank=True, help_text=_("e.g. the reason.")
    )

    panels = [
        FieldPanel("original_date"),
        FieldPanel("new_starts_at"),
        FieldPanel("places"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("date change")
        verbose_name_plural = _("date changes")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "original_date"], name="events_datechange_one_per_date"
            )
        ]

    def __str__(self):
        return str(self.original_date)

    def clean(self):
        super().clean()
        if self.places is not None and self.new_starts_at is None:
            raise ValidationError({"places": _("A cancelled date has no places.")})

    @property
    def cancelled(self) -> bool:
        return self.new_starts_at is None
