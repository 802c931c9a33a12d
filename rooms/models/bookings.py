"""Bookings of a room; two confirmed ones never overlap (an exclusion constraint on
PostgreSQL, a check under the room's row lock everywhere: rooms.services)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models import Func, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.models import CentrePage
from rooms.models.rooms import Room


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
        CONFIRMED = "confirmed", pgettext_lazy("room booking", "confirmed")
        DECLINED = "declined", pgettext_lazy("room booking", "declined")
        CANCELLED = "cancelled", pgettext_lazy("room booking", "cancelled")

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
    # How many came, entered by staff afterwards (rooms.services.booking_attendance_record);
    # empty until then, when the yearly usage counts the number asked for (`people`).
    attended = models.PositiveIntegerField(_("people who came"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="room_bookings",
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # A person without an account who asked at the desk or by phone: staff write their
    # name and, if given, a phone or an email (cleared by the retention schedule).
    caller_name = models.CharField(_("name of the caller"), max_length=200, blank=True)
    caller_phone = models.CharField(_("caller's phone"), max_length=40, blank=True)
    caller_email = models.EmailField(_("caller's email"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered at the desk by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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

    @property
    def is_desk(self) -> bool:
        """Entered by staff for a person without an account."""
        return self.entered_by_id is not None or bool(self.caller_name)

    @property
    def booker_label(self) -> str:
        """Who booked, for staff: the organisation, else the caller's or account's name."""
        if self.organisation:
            return self.organisation
        if self.caller_name:
            return self.caller_name
        return self.requested_by.public_label if self.requested_by_id else ""
