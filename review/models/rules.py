"""How one consultation's projects are reviewed and appealed (the town's regulamin): the rules
and the checklist of criteria."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from review.deadlines import moves_to_working_day


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
