"""A centre's rooms and their photos."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from home.models import CentrePage


class Room(ClusterableModel):
    """A room of a centre that residents and organisations may book."""

    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)], help_text=_("How many people at most.")
    )
    equipment = models.TextField(
        _("equipment"), blank=True, help_text=_("One item per line, e.g. projector, 12 chairs.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("e.g. step-free entrance, lift, induction loop, accessible toilet."),
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    house_rules = models.TextField(_("house rules"), blank=True)
    bookable = models.BooleanField(
        _("residents may ask for it"),
        default=True,
        help_text=_("Untick for rooms the centre uses only for its own activities."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the list"), default=0)

    panels = [
        FieldPanel("centre"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("sort_order")]),
        FieldPanel("equipment"),
        MultiFieldPanel(
            [FieldPanel("step_free"), FieldPanel("accessibility")], heading=_("Accessibility")
        ),
        FieldPanel("house_rules"),
        FieldPanel("bookable"),
        InlinePanel("photos", heading=_("Photos"), label=_("photo")),
    ]

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["sort_order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "name"], name="rooms_room_unique_name")
        ]

    def __str__(self):
        return self.name

    @property
    def equipment_lines(self) -> list[str]:
        return [line.strip() for line in self.equipment.splitlines() if line.strip()]


class RoomPhoto(Orderable):
    room = ParentalKey(Room, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )
    alt = models.CharField(
        _("photo alt text"),
        max_length=250,
        help_text=_("What the picture shows, for people who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
