"""Reading an application: the town's rate, the totals, the pledges, what is missing."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from initiatives.models import (
    ContributionKind,
    ContributionLine,
    LocalInitiativeApplication,
    LocalInitiativeTerms,
)

App = LocalInitiativeApplication


ZERO = Decimal("0.00")


MAX_LINES = 30


MAX_AMOUNT = Decimal("99999999.99")


MAX_HOURS = Decimal("99999.9")


def town_rate(centre) -> Decimal | None:
    """The value of one hour of social work the centre's town has set, if it has."""
    terms = LocalInitiativeTerms.objects.filter(centre=centre).first()
    return terms.hourly_rate if terms else None


def rate_of(application: App) -> Decimal | None:
    """The rate fixed when the application was marked ready, else the town's current one."""
    if application.hourly_rate is not None:
        return application.hourly_rate
    return town_rate(application.centre_id)


@dataclass(frozen=True)
class Totals:
    costs: Decimal
    work_hours: Decimal
    work_value: Decimal
    in_kind: Decimal
    money: Decimal
    rate: Decimal | None

    @property
    def contribution(self) -> Decimal:
        return self.work_value + self.in_kind + self.money

    @property
    def contribution_share(self) -> Decimal | None:
        """The residents' contribution as a percentage of the budget (None without costs)."""
        if not self.costs:
            return None
        return (self.contribution * 100 / self.costs).quantize(Decimal("0.1"))


def line_value(line: ContributionLine, rate: Decimal | None) -> Decimal:
    """A line's value in PLN: hours × the town's rate for work, the stated value otherwise."""
    if line.kind == ContributionKind.WORK:
        return ((line.hours or 0) * (rate or 0)).quantize(Decimal("0.01"))
    return line.value or ZERO


def totals(application: App, *, rate: Decimal | None = None) -> Totals:
    """The budget and the declared contribution, by kind (reads prefetched lines if present)."""
    rate = rate if rate is not None else rate_of(application)
    lines = list(application.contribution_lines.all())
    return Totals(
        costs=sum((c.amount for c in application.cost_lines.all()), ZERO),
        work_hours=sum((ln.hours or 0 for ln in lines if ln.kind == ContributionKind.WORK), ZERO),
        work_value=sum(
            (line_value(ln, rate) for ln in lines if ln.kind == ContributionKind.WORK), ZERO
        ),
        in_kind=sum((ln.value or 0 for ln in lines if ln.kind == ContributionKind.IN_KIND), ZERO),
        money=sum((ln.value or 0 for ln in lines if ln.kind == ContributionKind.MONEY), ZERO),
        rate=rate,
    )


@dataclass(frozen=True)
class PledgeTotals:
    hours: Decimal
    hours_delivered: Decimal
    value: Decimal
    value_delivered: Decimal
    people: int


def pledge_totals(application: App) -> PledgeTotals:
    """What members pledged and what they delivered (reads prefetched pledges if present)."""
    pledges = list(application.pledges.all())
    return PledgeTotals(
        hours=sum((p.hours for p in pledges), ZERO),
        hours_delivered=sum((p.delivered_hours for p in pledges), ZERO),
        value=sum((p.value for p in pledges), ZERO),
        value_delivered=sum((p.delivered_value for p in pledges), ZERO),
        people=len({p.user_id for p in pledges}),
    )


def missing(application: App) -> list[str]:
    """What the application still lacks before it can be marked ready (empty when complete)."""
    gaps = []
    if not application.area:
        gaps.append(_("Choose the public task the application is about."))
    if not application.description.strip():
        gaps.append(_("Describe what you will do."))
    if not application.place.strip():
        gaps.append(_("Say where the task will be carried out."))
    if not (application.starts_on and application.ends_on):
        gaps.append(_("Give the dates when the task starts and ends."))
    if application.applicant_kind != App.Applicant.RESIDENTS and not (
        application.applicant_name.strip()
    ):
        gaps.append(_("Give the applicant's name (the group or the organisation)."))
    costs = list(application.cost_lines.all())
    if not costs or not sum((c.amount for c in costs), ZERO):
        gaps.append(_("Add the budget: at least one cost with an amount."))
    lines = list(application.contribution_lines.all())
    if not lines:
        gaps.append(_("Add the residents' own contribution: work, things or money."))
    if any(ln.kind == ContributionKind.WORK for ln in lines) and rate_of(application) is None:
        gaps.append(
            _("The town has not set the value of an hour of social work yet: ask the centre.")
        )
    return gaps
