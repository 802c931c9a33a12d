"""A proposal's review: each criterion of the checklist assessed, the town's cost, the outcome."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from review.models.rules import Criterion

COST_DIGITS = {"max_digits": 12, "decimal_places": 2}


class Outcome(models.TextChoices):
    PENDING = "", pgettext_lazy("review outcome", "being reviewed")
    ADMITTED = "admitted", pgettext_lazy("review outcome", "admitted to the vote")
    ADMITTED_CHANGED = (
        "changed",
        pgettext_lazy("review outcome", "admitted after changes agreed with the author"),
    )
    NOT_ADMITTED = "not_admitted", pgettext_lazy("review outcome", "not admitted to the vote")


class Review(models.Model):
    """A proposal's review: each criterion assessed, the town's cost, the outcome."""

    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Or a whole department of the town: each of its people may assess, set the cost and
    # publish the outcome (casework's departments; person and department may both be set).
    assigned_department = models.ForeignKey(
        "casework.Department",
        verbose_name=_("department assessing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    town_cost = models.DecimalField(
        _("the town's cost estimate"), null=True, blank=True, **COST_DIGITS
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default="", blank=True
    )
    changes_agreed = models.TextField(_("changes agreed with the author"), blank=True)
    summary = models.TextField(_("public justification"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appeal_until = models.DateField(_("appeal possible until"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(town_cost__isnull=True) | Q(town_cost__gte=0),
                name="review_town_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decided_at__isnull=False),
                name="review_outcome_has_date",
            ),
        ]

    def __str__(self):
        return str(self.proposal)

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)


class Assessment(models.Model):
    """One criterion of one proposal: met or not, with the official's comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("met"))
    comment = models.TextField(_("comment"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_one_assessment")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.met}"
