"""The parts staff add to a consultation page inline, kept with its revisions: phases,
categories, budget pools and voting questions."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from consultations.models.pages import ConsultationPage


class Phase(Orderable):
    """A stretch of the consultation: information, proposals, discussion, voting, results..."""

    class Kind(models.TextChoices):
        INFORMATION = "information", pgettext_lazy("consultation phase", "Information")
        PROPOSALS = "proposals", pgettext_lazy("consultation phase", "Proposals")
        DISCUSSION = "discussion", pgettext_lazy("consultation phase", "Discussion")
        VOTING = "voting", pgettext_lazy("consultation phase", "Voting")
        RESULTS = "results", pgettext_lazy("consultation phase", "Results")
        IMPLEMENTATION = "implementation", pgettext_lazy("consultation phase", "Implementation")

    consultation = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    closed_early_at = models.DateTimeField(
        _("closed early at"),
        null=True,
        blank=True,
        help_text=_("Set to end the phase before its planned end."),
    )
    description = models.TextField(_("what residents can do"), blank=True)

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("closed_early_at"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="consultations_phase_ends_after_start",
            )
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def effective_end(self):
        if self.closed_early_at and self.closed_early_at < self.ends_at:
            return self.closed_early_at
        return self.ends_at

    def is_running(self, moment) -> bool:
        return self.starts_at <= moment < self.effective_end

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A phase must end after it starts.")})


class Category(Orderable):
    """A topic of a consultation's proposals, with a colour and a pictogram."""

    class Icon(models.TextChoices):
        GREENERY = "greenery", _("greenery")
        PLAYGROUND = "playground", _("playground")
        TRANSPORT = "transport", _("transport")
        WASTE = "waste", _("waste and cleanliness")
        SAFETY = "safety", _("safety")
        CULTURE = "culture", _("culture and meetings")
        SPORT = "sport", _("sport")
        ROADS = "roads", _("roads and pavements")
        OTHER = "other", _("other")

    consultation = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("name"), max_length=80)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0b5e55",
        help_text=_("A dark colour (#rrggbb): white text must stay readable on it."),
    )
    icon = models.CharField(_("pictogram"), max_length=12, choices=Icon.choices, default="other")

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("colour"), FieldPanel("icon")])]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "name"], name="consultations_category_unique_name"
            )
        ]

    def __str__(self):
        return self.name


class BudgetPool(Orderable):
    """Part of a participatory budget kept for one district's proposals.

    A proposal in a district with a pool competes for that pool's money; the others share
    the consultation's town-wide amount. A voter may choose in the town-wide pool and in one
    district's pool.
    """

    consultation = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="budget_pools"
    )
    district = models.ForeignKey(
        "home.District", verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(
        _("amount (PLN)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    panels = [FieldRowPanel([FieldPanel("district"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        verbose_name = _("district pool")
        verbose_name_plural = _("district pools")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "district"], name="consultations_pool_unique_district"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="consultations_pool_amount_not_negative"
            ),
        ]

    def __str__(self):
        return str(self.district)


class VotingQuestion(Orderable):
    """A yes/no/abstain question put to the vote."""

    consultation = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    explanation = models.TextField(_("explanation"), blank=True)

    panels = [FieldPanel("text"), FieldPanel("explanation")]

    class Meta(Orderable.Meta):
        verbose_name = _("voting question")
        verbose_name_plural = _("voting questions")

    def __str__(self):
        return self.text
