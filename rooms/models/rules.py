"""A centre's booking rules: opening hours per weekday and closed days."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from home.models import CentrePage


class BookingRules(ClusterableModel):
    """A centre's booking rules and the structured opening hours they use."""

    centre = models.OneToOneField(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    ahead_days = models.PositiveSmallIntegerField(
        _("how far ahead (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("A room can be asked for at most this many days ahead."),
    )
    longest_hours = models.DecimalField(
        _("longest booking (hours)"),
        max_digits=4,
        decimal_places=1,
        default=4,
        validators=[MinValueValidator(0.5), MaxValueValidator(24)],
    )
    open_requests = models.PositiveSmallIntegerField(
        _("open requests per person"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("Waiting or confirmed bookings still to come, per person and centre."),
    )

    panels = [
        FieldPanel("centre"),
        FieldRowPanel(
            [FieldPanel("ahead_days"), FieldPanel("longest_hours"), FieldPanel("open_requests")]
        ),
        InlinePanel("hours", heading=_("Opening hours"), label=_("opening hours")),
        InlinePanel("closed_days", heading=_("Closed days"), label=_("closed day")),
    ]

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")

    def __str__(self):
        return str(self.centre)

    @property
    def longest(self) -> datetime.timedelta:
        return datetime.timedelta(hours=float(self.longest_hours))


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningHours(Orderable):
    """The centre is open on `weekday` from `opens` to `closes` (a day may have two rows)."""

    rules = ParentalKey(BookingRules, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="rooms_hours_close_after_open"
            )
        ]

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("The closing time must come after the opening.")})


class ClosedDay(Orderable):
    """A date the centre is closed (a holiday, a training day)."""

    rules = ParentalKey(BookingRules, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("e.g. holiday."))

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("note")])]

    class Meta(Orderable.Meta):
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(fields=["rules", "date"], name="rooms_closedday_unique_date")
        ]
