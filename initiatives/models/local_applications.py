"""A local initiative application: its budget, the residents' contribution and pledges,
and the town's evaluation scores."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models import CentrePage
from initiatives.models.index import InitiativeIndexPage
from initiatives.models.initiative import PLACE_MAX, TEXT_MAX, TITLE_MAX, Initiative
from initiatives.models.local_terms import MONEY, EvaluationCriterion


class LocalInitiativeApplication(models.Model):
    """An application to the town to carry out a public task together with the residents."""

    class State(models.TextChoices):
        DRAFT = "draft", _("being prepared")
        READY = "ready", _("ready to file")
        FILED = "filed", _("filed with the town")
        ACCEPTED = "accepted", _("accepted by the town")
        REJECTED = "rejected", _("rejected by the town")

    class Applicant(models.TextChoices):
        GROUP = "group", _("the initiative's group of residents")
        RESIDENTS = "residents", _("residents directly")
        ORGANISATION = "organisation", _("an organisation")

    class Area(models.TextChoices):
        # The public tasks a local initiative may concern: art. 19b ust. 1 pkt 1–12 of the
        # ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie
        # (consolidated text Dz.U. z 2024 r. poz. 1491), in the act's order and wording; see
        # docs/architecture.md. Migration 0005 cleared the three values the act does not list.
        COMMUNITY = (
            "community",
            _(
                "supporting the development of local communities: building, extending or repairing "
                "roads, sewers, water mains, buildings and small architecture"
            ),
        )  # pkt 1
        CHARITY = "charity", _("charity")  # pkt 2
        TRADITION = (
            "tradition",
            _("national tradition, Polishness, national, civic and cultural awareness"),
        )  # pkt 3
        MINORITIES = (
            "minorities",
            _("activities for national and ethnic minorities and the regional language"),
        )  # pkt 4
        CULTURE = (
            "culture",
            _("culture, arts, protection of cultural goods and national heritage"),
        )  # pkt 5
        VOLUNTEERING = "volunteering", _("promoting and organising volunteering")  # pkt 6
        EDUCATION = "education", _("science, higher education, education and upbringing")  # pkt 7
        SPORT = "sport", _("supporting and promoting physical culture")  # pkt 8
        TOURISM = "tourism", _("tourism and sightseeing")  # pkt 9
        NATURE = (
            "nature",
            _(
                "nature protection, including greenery in towns and villages, ecology, animal "
                "protection and natural heritage"
            ),
        )  # pkt 10
        SAFETY = "safety", _("public order and safety")  # pkt 11
        REVITALISATION = "revitalisation", _("revitalisation")  # pkt 12

    index = models.ForeignKey(
        InitiativeIndexPage,
        verbose_name=_("initiatives index"),
        on_delete=models.PROTECT,
        related_name="local_applications",
    )
    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.PROTECT, related_name="+"
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="local_applications",
    )
    applicant_kind = models.CharField(
        _("who applies"), max_length=12, choices=Applicant.choices, default=Applicant.GROUP
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=200, blank=True)
    area = models.CharField(_("public task"), max_length=16, choices=Area.choices, blank=True)
    title = models.CharField(_("title of the task"), max_length=TITLE_MAX)
    description = models.TextField(_("what we will do"), max_length=TEXT_MAX, blank=True)
    place = models.CharField(_("where"), max_length=PLACE_MAX, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    hourly_rate = models.DecimalField(
        _("value of one hour of social work (PLN)"), **MONEY, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    ready_at = models.DateTimeField(_("marked ready at"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    agreement_starts_on = models.DateField(_("agreement from"), null=True, blank=True)
    agreement_ends_on = models.DateField(_("agreement until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("local initiative application")
        verbose_name_plural = _("local initiative applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="initiatives_local_dates_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(decision_reasons=""),
                name="initiatives_local_rejected_has_reasons",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self, request=None) -> str:
        return self.index.sub_url("local_detail", request=request, pk=self.pk)

    @property
    def is_public(self) -> bool:
        """Drafts are the group's own; once ready the page is public (if the group is)."""
        if self.state == self.State.DRAFT:
            return False
        return self.initiative_id is None or self.initiative.is_public

    @property
    def is_decided(self) -> bool:
        return self.state in (self.State.ACCEPTED, self.State.REJECTED)


class CostLine(models.Model):
    """One line of the task's budget."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="cost_lines"
    )
    description = models.CharField(_("cost"), max_length=200)
    amount = models.DecimalField(_("amount (PLN)"), **MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cost line")
        verbose_name_plural = _("cost lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="initiatives_cost_not_negative")
        ]

    def __str__(self):
        return self.description


class ContributionKind(models.TextChoices):
    WORK = "work", _("social work")
    IN_KIND = "in_kind", _("in kind")
    MONEY = "money", _("money")


class ContributionLine(models.Model):
    """The residents' own contribution the application declares: hours of work, things, money."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="contribution_lines"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ContributionKind.choices)
    description = models.CharField(_("what"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, null=True, blank=True)
    value = models.DecimalField(_("value (PLN)"), **MONEY, null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("contribution line")
        verbose_name_plural = _("contribution lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="work") & Q(hours__gt=0) & Q(value__isnull=True))
                | (~Q(kind="work") & Q(hours__isnull=True) & Q(value__gte=0)),
                name="initiatives_contribution_line_shape",
            )
        ]

    def __str__(self):
        return self.description


class ContributionPledge(models.Model):
    """A member's promise of hours or something in kind, and what they have delivered."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="pledges"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contribution_pledges"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=ContributionKind.choices)
    description = models.CharField(_("what"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=7, decimal_places=1, default=0)
    value = models.DecimalField(_("value (PLN)"), **MONEY, default=0)
    delivered_hours = models.DecimalField(
        _("hours delivered"), max_digits=7, decimal_places=1, default=0
    )
    delivered_value = models.DecimalField(_("value delivered (PLN)"), **MONEY, default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contribution pledge")
        verbose_name_plural = _("contribution pledges")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0)
                & Q(value__gte=0)
                & Q(delivered_hours__gte=0)
                & Q(delivered_value__gte=0),
                name="initiatives_pledge_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.application}"


class CriterionScore(models.Model):
    """The town's points for the application on one criterion, with a comment."""

    application = models.ForeignKey(
        LocalInitiativeApplication, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        EvaluationCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("points"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="initiatives_one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
