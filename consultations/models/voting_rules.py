"""The vote's settings of a consultation: the method, its parameters and the regulamin's
counting rules (consultations/counting_rules.py, applied by voting/tally.py).

An abstract base of `ConsultationPage`: the fields stay the page's own columns.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from consultations import counting_rules


class VotingRules(models.Model):
    """How a consultation's vote is run and counted (see voting/services/voting.py)."""

    class VotingMethod(models.TextChoices):
        NONE = "", _("no vote")
        APPROVAL = "approval", _("approval: choose up to N of the accepted proposals")
        BUDGET = "budget", _("participatory budget: choose proposals within an amount")
        QUESTION = "question", _("questions: yes, no or abstain")

    class DoubleVoteRule(models.TextChoices):
        ONLINE_COUNTS = "online_counts", _("the online ballot counts, the paper one is void")
        BOTH_VOID = "both_void", _("both ballots are void")

    voting_method = models.CharField(
        _("voting method"), max_length=10, choices=VotingMethod.choices, default="", blank=True
    )
    max_choices = models.PositiveSmallIntegerField(
        _("most proposals a voter may choose"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Approval vote: 1 makes it a single choice."),
    )
    winners_count = models.PositiveSmallIntegerField(
        _("how many proposals are selected"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Approval vote: the proposals with most votes that are selected."),
    )
    budget_amount = models.DecimalField(
        _("budget for the whole town (PLN)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Participatory budget: proposals without a district pool share this amount."),
    )
    ballots_final = models.BooleanField(
        _("ballots are final"),
        default=False,
        help_text=_("When ticked, a ballot cannot be changed once cast."),
    )
    show_turnout = models.BooleanField(
        _("show turnout while voting is open"),
        default=True,
        help_text=_("Results stay hidden until voting closes either way."),
    )
    double_vote_rule = models.CharField(
        _("when someone voted both online and on paper"),
        max_length=16,
        choices=DoubleVoteRule.choices,
        default=DoubleVoteRule.ONLINE_COUNTS,
    )
    # The regulamin's counting rules (consultations/counting_rules.py, applied by tally.py).
    tie_rule = models.CharField(
        _("when proposals have the same number of votes"),
        max_length=24,
        choices=counting_rules.TieRule.choices,
        default="",
        blank=True,
        help_text=_("Matters only when the tie decides what is selected or funded."),
    )
    min_votes = models.PositiveIntegerField(
        _("fewest votes a proposal needs to be selected or funded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: one vote is enough."),
    )
    points = models.CharField(
        _("points for the first, second, third… choice"),
        max_length=40,
        blank=True,
        help_text=_("Approval vote: e.g. 3,2,1. The voter puts their choices in order."),
    )
    max_per_category = models.PositiveSmallIntegerField(
        _("most proposals of one category on a ballot"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    max_per_district = models.PositiveSmallIntegerField(
        _("most proposals of one district on a ballot"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    not_fitting = models.CharField(
        _("a proposal that does not fit in the money left"),
        max_length=8,
        choices=counting_rules.NotFitting.choices,
        default="",
        blank=True,
    )
    leftover = models.CharField(
        _("money left in a district pool"),
        max_length=20,
        choices=counting_rules.Leftover.choices,
        default="",
        blank=True,
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        method = self.VotingMethod
        if self.voting_method == method.APPROVAL and not self.max_choices:
            raise ValidationError({"max_choices": _("Say how many proposals a voter may choose.")})
        if self.voting_method == method.BUDGET and self.budget_amount is None:
            raise ValidationError({"budget_amount": _("Give the budget to share out.")})
        counting_rules.check(self)


# The "Voting" section of the consultation page's editor.
VOTING_PANEL = MultiFieldPanel(
    [
        FieldPanel("voting_method"),
        FieldRowPanel([FieldPanel("max_choices"), FieldPanel("winners_count")]),
        FieldPanel("budget_amount"),
        InlinePanel("budget_pools", heading=_("District pools"), label=_("District pool")),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
        FieldRowPanel([FieldPanel("ballots_final"), FieldPanel("show_turnout")]),
        FieldPanel("double_vote_rule"),
        FieldPanel("tie_rule"),
        FieldRowPanel([FieldPanel("min_votes"), FieldPanel("points")]),
        FieldRowPanel([FieldPanel("max_per_category"), FieldPanel("max_per_district")]),
        FieldRowPanel([FieldPanel("not_fitting"), FieldPanel("leftover")]),
    ],
    heading=_("Voting"),
)
