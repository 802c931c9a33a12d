"""What the town's resolution sets for local initiatives at one centre: the value of an
hour of social work and the evaluation criteria."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from home.models import CentrePage

# --- Local initiative (inicjatywa lokalna, art. 19b–19h of the ustawa o działalności pożytku
# publicznego i o wolontariacie): the application, its budget and contribution, the town's
# evaluation and decision. The rules live in initiatives/services/local_initiative/.

MONEY = {"max_digits": 10, "decimal_places": 2}


class LocalInitiativeTerms(models.Model):
    """What the town's resolution sets for one centre: the value of an hour of social work."""

    centre = models.OneToOneField(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    hourly_rate = models.DecimalField(
        _("value of one hour of social work (PLN)"), **MONEY, null=True, blank=True
    )
    resolution = models.CharField(_("the town's resolution"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("local initiative terms")
        verbose_name_plural = _("local initiative terms")

    def __str__(self):
        return str(self.centre)


class EvaluationCriterion(models.Model):
    """One criterion of the town's resolution with the most points it gives."""

    centre = models.ForeignKey(
        CentrePage, verbose_name=_("centre"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("criterion"), max_length=200)
    max_score = models.PositiveSmallIntegerField(_("most points"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gte=1), name="initiatives_criterion_max_positive"
            )
        ]

    def __str__(self):
        return self.name
