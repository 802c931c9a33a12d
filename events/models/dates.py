"""A date of an activity that is cancelled or moved, perhaps to another room of the centre
and with its own number of places."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
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
    room = models.ForeignKey(
        "rooms.Room",
        verbose_name=_("in the room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moved_dates",
        help_text=_(
            "Only for a moved date held in another room of the centre: the date books it. "
            "Empty: where the other dates are."
        ),
    )
    places = models.PositiveIntegerField(
        _("places on this date"),
        null=True,
        blank=True,
        help_text=_(
            "Only for a moved date with a different number of places, e.g. in a smaller room. "
            "Empty: the same as the other dates, or the new room's capacity if it is smaller."
        ),
    )
    note = models.CharField(
        _("note for residents"), max_length=200, blank=True, help_text=_("e.g. the reason.")
    )

    panels = [
        FieldPanel("original_date"),
        FieldPanel("new_starts_at"),
        FieldPanel("room"),
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
        if self.room_id is not None and self.new_starts_at is None:
            raise ValidationError({"room": _("A cancelled date has no room.")})
        if self.room_id is not None and self.places and self.places > self.room.capacity:
            raise ValidationError(
                {
                    "places": _("The room %(room)s holds at most %(capacity)d people.")
                    % {"room": self.room.name, "capacity": self.room.capacity}
                }
            )

    @property
    def cancelled(self) -> bool:
        return self.new_starts_at is None

    def own_places(self, activity_places: int | None) -> int | None:
        """The places of this moved date: its own number where given, else its room's
        capacity where smaller than the activity's places (None: as the other dates)."""
        if self.places is not None or activity_places is None or self.room is None:
            return self.places
        return self.room.capacity if self.room.capacity < activity_places else None


def with_date_changes(prefix: str = "") -> Prefetch:
    """Prefetch the activities' date changes with their rooms (one query each)."""
    return Prefetch(f"{prefix}date_changes", queryset=DateChange.objects.select_related("room"))
