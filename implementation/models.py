"""What gets built (realizacja): the public record of each funded project's implementation.

A record belongs to one proposal selected in a published vote; officials of the centre keep
its status, money, milestones and photos up to date, and every change leaves a dated entry
on the project's public timeline.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MONEY = {"max_digits": 12, "decimal_places": 2}


class Status(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("implementation status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("implementation status", "in progress")
    DELAYED = "delayed", pgettext_lazy("implementation status", "delayed")
    DONE = "done", pgettext_lazy("implementation status", "done")
    ABANDONED = "abandoned", pgettext_lazy("implementation status", "abandoned")


# A delayed or abandoned project must say why (a database constraint and the service).
NEEDS_REASON = (Status.DELAYED, Status.ABANDONED)


class ImplementationQuerySet(models.QuerySet):
    def public(self):
        """Records of proposals the public may see (not hidden by a moderator)."""
        return self.filter(proposal__hidden_at__isnull=True)


class Implementation(models.Model):
    """One funded project's implementation: who, how far, how much, and its state."""

    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="implementation",
    )
    department = models.ForeignKey(
        "casework.Department",
        verbose_name=_("department responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementations",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    reason = models.TextField(_("reason for the delay or abandonment"), blank=True, max_length=2000)
    percent_done = models.PositiveSmallIntegerField(_("percent done"), default=0)
    money_planned = models.DecimalField(_("money planned (PLN)"), null=True, blank=True, **MONEY)
    money_spent = models.DecimalField(_("money spent (PLN)"), default=0, **MONEY)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ImplementationQuerySet.as_manager()

    class Meta:
        verbose_name = _("implementation record")
        verbose_name_plural = _("implementation records")
        ordering = ["proposal__title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_done__lte=100), name="implementation_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=NEEDS_REASON) | ~Q(reason=""),
                name="implementation_reason_when_delayed_or_abandoned",
            ),
            models.CheckConstraint(
                condition=(Q(money_planned__isnull=True) | Q(money_planned__gte=0))
                & Q(money_spent__gte=0),
                name="implementation_money_not_negative",
            ),
        ]

    def __str__(self):
        return str(self.proposal)

    @property
    def pages_consultation_id(self) -> int:
        return self.proposal.consultation_id


class Milestone(models.Model):
    """One step of the work with its planned and actual date."""

    class Kind(models.TextChoices):
        DESIGN = "design", pgettext_lazy("milestone", "design")
        PERMITS = "permits", pgettext_lazy("milestone", "permits")
        TENDER = "tender", pgettext_lazy("milestone", "tender")
        WORKS = "works", pgettext_lazy("milestone", "works")
        HANDOVER = "handover", pgettext_lazy("milestone", "handover")
        OTHER = "other", pgettext_lazy("milestone", "other step")

    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=150)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    done_on = models.DateField(_("actual date"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class Photo(models.Model):
    """A photo of the place before or after the work; stored without metadata."""

    class Kind(models.TextChoices):
        BEFORE = "before", pgettext_lazy("photo", "before")
        AFTER = "after", pgettext_lazy("photo", "after")

    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="photos"
    )
    kind = models.CharField(_("before or after"), max_length=6, choices=Kind.choices)
    image = models.ImageField(_("photo"), upload_to="implementation/%Y/%m/")
    alt_text = models.CharField(_("what the photo shows"), max_length=250)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["kind", "created_at", "pk"]

    def __str__(self):
        return self.alt_text


class TimelineEntry(models.Model):
    """One dated, public change of the record, in words; emailed once to author and followers."""

    implementation = models.ForeignKey(
        Implementation, on_delete=models.CASCADE, related_name="timeline"
    )
    text = models.TextField(_("what changed"))
    note = models.TextField(_("public note"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    percent_done = models.PositiveSmallIntegerField(_("percent done"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
