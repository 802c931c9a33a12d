"""The review of projects before the vote (weryfikacja) and appeals against not admitting one.

Art. 5a ust. 7 u.s.g.: the council's regulamin sets the formal requirements, the rules of
assessment and an appeal procedure; a town sets each of them here, per consultation.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from review.deadlines import moves_to_working_day

COST_DIGITS = {"max_digits": 12, "decimal_places": 2}


class ReviewSetup(ClusterableModel):
    """How one consultation's projects are reviewed and appealed, from the town's regulamin."""

    class Body(models.TextChoices):
        COMMITTEE = "committee", _("the appeals committee")
        MAYOR = "mayor", _("the mayor")

    class DayCount(models.TextChoices):
        CALENDAR = "calendar", _("in calendar days")
        WORKING = "working", _("in working days")

    consultation = models.OneToOneField(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="review_setup",
    )
    enabled = models.BooleanField(
        _("projects are reviewed before the vote"),
        default=True,
        help_text=_("Only projects admitted in the review (or reinstated on appeal) are voted on."),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("days to appeal"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Counted from the day after the outcome is published, as set in “how the days are "
            "counted”."
        ),
    )
    appeal_body = models.CharField(
        _("who decides appeals"), max_length=10, choices=Body.choices, default=Body.COMMITTEE
    )
    appeal_body_name = models.CharField(
        _("name of the appeal body"),
        max_length=150,
        blank=True,
        help_text=_(
            "Shown publicly with each decision, e.g. “Komisja odwoławcza ds. budżetu "
            "obywatelskiego”. When empty, the kind chosen above is shown."
        ),
    )
    appeal_body_members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members of the appeal body"),
        blank=True,
        related_name="+",
        help_text=_(
            "The committee's members, or the mayor (and whoever decides on the mayor's behalf). "
            "Only they may decide appeals and only they get the reminders. When nobody is "
            "chosen, every official of the centre may decide appeals and gets the reminders."
        ),
    )
    decision_days = models.PositiveSmallIntegerField(
        _("days to decide an appeal"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Counted from the day after the appeal is filed, as set in “how the days are counted”."
        ),
    )
    day_count = models.CharField(
        _("how the days are counted"),
        max_length=10,
        choices=DayCount.choices,
        default=DayCount.CALENDAR,
        help_text=_(
            "As the regulamin says: calendar days, or working days (Monday to Friday except "
            "public holidays). Either way a deadline falling on a Saturday, a Sunday or a "
            "public holiday moves to the next working day."
        ),
    )
    # Staff may let the vote open while appeals are still pending, with a reason (logged).
    vote_override_reason = models.TextField(
        _("why the vote opens with appeals pending"), blank=True
    )
    vote_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vote_override_at = models.DateTimeField(null=True, blank=True)

    panels = [
        FieldPanel("consultation"),
        FieldPanel("enabled"),
        InlinePanel("criteria", heading=_("Checklist"), label=_("Criterion"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("appeal_days"), FieldPanel("day_count")]),
                FieldRowPanel([FieldPanel("appeal_body"), FieldPanel("decision_days")]),
                FieldPanel("appeal_body_name"),
                FieldPanel("appeal_body_members", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Appeals"),
        ),
    ]

    class Meta:
        verbose_name = _("review rules")
        verbose_name_plural = _("review rules")

    def __str__(self):
        return str(self.consultation)

    @property
    def counts_working_days(self) -> bool:
        """Whether the days to appeal and to decide skip weekends and public holidays."""
        return self.day_count == self.DayCount.WORKING

    @property
    def deadline_moves(self) -> bool:
        """Whether a deadline on a day off moves to the next working day (the default)."""
        return moves_to_working_day()

    @property
    def appeal_body_label(self) -> str:
        """The appeal body as the public reads it: its name, else "the mayor"/"the committee"."""
        return self.appeal_body_name or str(self.get_appeal_body_display())


class Criterion(Orderable):
    """One item of the checklist, e.g. "on land the town owns"."""

    setup = ParentalKey(ReviewSetup, on_delete=models.CASCADE, related_name="criteria")
    text = models.CharField(_("criterion"), max_length=200)
    explanation = models.CharField(_("what the official checks"), max_length=300, blank=True)

    panels = [FieldPanel("text"), FieldPanel("explanation")]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.text


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


class Appeal(models.Model):
    """The author's appeal against not admitting their project: one per decision."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("on paper at the centre")

    class Decision(models.TextChoices):
        PENDING = "", pgettext_lazy("appeal decision", "waiting for a decision")
        UPHELD = "upheld", pgettext_lazy("appeal decision", "upheld: the project is on the ballot")
        DISMISSED = "dismissed", pgettext_lazy("appeal decision", "dismissed")

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="appeal")
    reasons = models.TextField(_("reasons for the appeal"), max_length=5000)
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered at the centre by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"))
    decide_by = models.DateField(_("decision due"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default="", blank=True
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The body as it was named when it decided: the public sees the body, never its members.
    decided_by_body = models.CharField(_("decided by"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        # Held by the appeal bodies' members (review.services.appeal_access): with it alone
        # the admin opens only the appeals of their consultations.
        permissions = [("decide_appeal", _("Can decide appeals as a member of an appeal body"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_at__isnull=False),
                name="review_appeal_decision_has_date",
            )
        ]

    def __str__(self):
        return str(self.review)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """Still undecided after the day the decision was due (Warsaw dates)."""
        return not self.decision and self.decide_by < (today or timezone.localdate())
