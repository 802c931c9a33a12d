"""Rooms of a centre, its booking rules and opening hours, and the bookings of a room.

Rooms are plain models (snippets in the admin) with a foreign key to their centre; the
public list and a room's week are routes of the centre's `RoomIndexPage` (`<centre>/sale/`),
as activities are routes of `<centre>/wydarzenia/`. A booking is a resident's or an
organisation's request, or a date of an activity held in the room (`activity`, a blocking
booking written by events' services). Two confirmed bookings of a room never overlap: an
exclusion constraint on PostgreSQL (PostgresExclusionConstraint) and a check under the
room's row lock everywhere (rooms.services).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from config import cache_versions
from home.models import CentrePage
from home.restrictions import OneQueryViewRestrictions


def _views():
    """The views module, which imports these models (so not at the top)."""
    from rooms import views

    return views


class RoomIndexPage(OneQueryViewRestrictions, RoutablePageMixin, Page):
    """The centre's rooms (`<centre>/sale/`): the list, each room's week, booking requests."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.CentrePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("rooms index")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Bookings change the weeks shown here (rooms.services bumps listings)."""
        return (cache_versions.LISTINGS_KEY,)

    @property
    def centre(self) -> CentrePage:
        return self.get_parent().specific

    @path("")
    def rooms(self, request):
        return _views().room_list(request, self)

    @path("<id:room_id>/", name="room")
    def room(self, request, room_id):
        return _views().room_week(request, self, room_id)

    @path("<id:room_id>/rezerwuj/", name="request")
    def request_booking(self, request, room_id):
        return _views().booking_new(request, self, room_id)

    @path("moje-rezerwacje/", name="mine")
    def mine(self, request):
        return _views().my_bookings(request, self)


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


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = models.DateTimeField()  # only ever used inside the constraint


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint on PostgreSQL, nothing elsewhere: SQLite has none, so its
    tables are made (and remade) without it and rooms.services' locked check stands in."""

    def _postgres(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return (
            super().constraint_sql(model, schema_editor) if self._postgres(schema_editor) else None
        )

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if self._postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if self._postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


class BookingQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(state=Booking.State.CONFIRMED)

    def open(self):
        """Waiting or confirmed: the ones that hold (or may hold) the room."""
        return self.filter(state__in=[Booking.State.PENDING, Booking.State.CONFIRMED])

    def overlapping(self, starts_at: datetime.datetime, ends_at: datetime.datetime):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)

    def requests(self):
        """Residents' and organisations' requests, not activities' dates."""
        return self.filter(activity__isnull=True)


class Booking(models.Model):
    """A room for a time: someone's request (waiting, confirmed, declined, cancelled) or a
    date of an activity held there (confirmed from the start)."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the centre")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    class UserKind(models.TextChoices):
        RESIDENT = "resident", _("resident")
        NGO = "ngo", _("organisation")
        TOWN = "town", _("town")
        CENTRE = "centre", _("the centre")

    room = models.ForeignKey(
        Room, verbose_name=_("room"), on_delete=models.PROTECT, related_name="bookings"
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    user_kind = models.CharField(_("who uses it"), max_length=10, choices=UserKind.choices)
    purpose = models.CharField(_("purpose"), max_length=300)
    people = models.PositiveIntegerField(_("number of people"), default=1)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="room_bookings",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # A date of an activity in this room (events' services write these): a page, named
    # through Wagtail's base model so rooms need not know the events app.
    activity = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("activity"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    occurrence = models.DateField(_("activity date"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"))
    decided_at = models.DateTimeField(
        pgettext_lazy("when a booking was decided", "decided"), null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["room", "state", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="rooms_booking_ends_after"
            ),
            # PostgreSQL only (see PostgresExclusionConstraint): confirmed bookings of a
            # room never overlap, whatever writes them.
            PostgresExclusionConstraint(
                name="rooms_booking_no_overlap",
                expressions=[
                    ("room", RangeOperators.EQUAL),
                    (
                        TsTzRange("starts_at", "ends_at", RangeBoundary()),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=Q(state="confirmed"),
            ),
        ]

    def __str__(self):
        return f"{self.room}: {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def is_activity(self) -> bool:
        return self.activity_id is not None
