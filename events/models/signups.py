"""Who signed up for a date of an activity, and how many came."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models.pages import ActivityPage


class SignUpQuerySet(models.QuerySet):
    def active(self):
        """Confirmed or waiting, not cancelled."""
        return self.exclude(state=SignUp.State.CANCELLED)

    def of_date(self, activity, day):
        return self.filter(activity=activity, occurrence=day)


class SignUp(models.Model):
    """One person's place (or place on the waiting list) for one date of an activity.

    Online sign-ups belong to an account; staff at the desk write a name only. The date is the
    day the activity was planned for (events.recurrence), so a moved date keeps its sign-ups.
    """

    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("sign-up", "cancelled")

    activity = models.ForeignKey(
        ActivityPage, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="signups"
    )
    occurrence = models.DateField(_("date"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activity_signups",
    )
    name = models.CharField(_("name"), max_length=150)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    created_at = models.DateTimeField(pgettext_lazy("when someone signed up", "signed up"))
    changed_at = models.DateTimeField(_("changed"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered at the desk by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["activity", "occurrence", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "occurrence", "user"],
                condition=Q(user__isnull=False) & ~Q(state="cancelled"),
                name="events_signup_one_active_per_person",
            )
        ]

    def __str__(self):
        return f"{self.shown_name} ({self.occurrence})"

    @property
    def shown_name(self) -> str:
        """The name on lists; a deleted account's sign-ups keep their place in the counts."""
        return self.name or str(_("Deleted user"))


class Attendance(models.Model):
    """How many people came to one date, entered by staff afterwards (the yearly report)."""

    activity = models.ForeignKey(
        ActivityPage,
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    occurrence = models.DateField(_("date"))
    attended = models.PositiveIntegerField(_("people who came"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "occurrence"], name="events_attendance_one_per_date"
            )
        ]

    def __str__(self):
        return f"{self.activity} {self.occurrence}: {self.attended}"
