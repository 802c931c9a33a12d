"""The local initiative application (art. 19b–19h): prepare, check, evaluate, decide, pledge.

The group (or a resident, or a confirmed organisation) writes the application while it is a
draft; once complete it is marked ready and printed for filing. The centre's organiser then
records the town's evaluation against the criteria of the town's resolution and its decision.
Social work is valued at the hourly rate the town sets (LocalInitiativeTerms of the centre),
fixed on the application when it is marked ready.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import (
    Action,
    ContributionKind,
    ContributionLine,
    ContributionPledge,
    CostLine,
    CriterionScore,
    EvaluationCriterion,
    Initiative,
    InitiativeIndexPage,
    LocalInitiativeApplication,
    LocalInitiativeTerms,
)
from initiatives.services.notices import LOCAL, send_decision_emails
from initiatives.services.rules import (
    is_leader,
    is_organiser,
    membership_of,
    person_refusal,
    require_running,
    start_refusal,
)
from initiatives.versions import initiatives_changed
from jobs.services import enqueue_in_transaction

App = LocalInitiativeApplication
ZERO = Decimal("0.00")
MAX_LINES = 30
MAX_AMOUNT = Decimal("99999999.99")
MAX_HOURS = Decimal("99999.9")


# --- Reading: the rate and the totals -----------------------------------------------------------


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


# --- Who may do what --------------------------------------------------------------------------


def may_edit(user, application: App) -> bool:
    """The one who prepares it, or the initiative's coordinator or contact person."""
    if not user.is_authenticated or person_refusal(user):
        return False
    if application.applicant_id == user.pk:
        return True
    return application.initiative_id is not None and is_leader(user, application.initiative)


def may_see(user, application: App) -> bool:
    """Drafts: who may edit them and the centre's organiser; the rest: everyone."""
    if application.is_public:
        return True
    if not user.is_authenticated:
        return False
    return may_edit(user, application) or is_organiser(user, application.centre)


def _require_editor(user, application: App) -> None:
    if not may_edit(user, application):
        raise refused("applicant", _("Only those preparing the application can change it."))


def _require_draft(application: App) -> None:
    if application.state != App.State.DRAFT:
        raise refused("state", _("The application is no longer a draft."))


def _require_organiser(user, application: App) -> None:
    if not is_organiser(user, application.centre):
        raise refused("organiser", _("Only the centre's organiser can record the town's answer."))


def _locked(application: App) -> App:
    return (
        App.objects.select_for_update(of=("self",))
        .select_related("initiative")
        .get(pk=application.pk)
    )


def _touched(application: App, now: datetime.datetime) -> None:
    initiatives_changed(application.index_id)
    if application.initiative_id:
        Initiative.objects.filter(pk=application.initiative_id).update(last_activity_at=now)


def _timeline(application: App, *, title: str, date: datetime.date, result: str, user) -> None:
    """An entry in the initiative's actions, so the timeline shows the application's steps."""
    if application.initiative_id:
        Action.objects.create(
            initiative_id=application.initiative_id,
            kind=Action.Kind.LOCAL_INITIATIVE,
            title=title[:140],
            date=date,
            result=result,
            created_by=user,
        )


# --- Writing ----------------------------------------------------------------------------------


@transaction.atomic
def application_start(
    *,
    index: InitiativeIndexPage,
    user,
    title: str,
    initiative: Initiative | None = None,
    now: datetime.datetime | None = None,
) -> App:
    """Start a draft: for an initiative by its coordinator or contact person, or directly by a
    verified resident or a confirmed organisation."""
    now = now or timezone.now()
    if initiative is not None:
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if initiative.index_id != index.pk:
            raise refused("centre", _("Choose an initiative of this centre."))
        if person_refusal(user) or not is_leader(user, initiative):
            raise refused(
                "leader", _("Only the initiative's coordinator or contact person can do this.")
            )
        require_running(initiative)
        kind, name = App.Applicant.GROUP, initiative.title
    else:
        refusal = start_refusal(user, index.centre)
        if refusal:
            raise refusal
        if user.confirmed_organisation:
            kind, name = App.Applicant.ORGANISATION, str(user.confirmed_organisation)
        else:
            kind, name = App.Applicant.RESIDENTS, ""
    if not title.strip():
        raise ValidationError({"title": [_("Give the task a title.")]})
    application = App.objects.create(
        index=index,
        centre=index.centre,
        initiative=initiative,
        applicant=user,
        applicant_kind=kind,
        applicant_name=name[:200],
        title=title.strip()[:140],
        created_at=now,
        updated_at=now,
    )
    _touched(application, now)
    return application


def _decimal(value, field: str, errors: dict, *, most: Decimal) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        errors.setdefault(field, []).append(_("Give a number, e.g. 120.50."))
        return None
    if not number.is_finite() or number < 0 or number > most:
        errors.setdefault(field, []).append(_("Give a number that is not negative."))
        return None
    return number


def _clean_costs(costs: Iterable[dict], errors: dict) -> list[CostLine]:
    lines = []
    for row in costs:
        description = (row.get("description") or "").strip()
        amount = _decimal(row.get("amount"), "costs", errors, most=MAX_AMOUNT)
        if not description and amount is None:
            continue
        if not description or amount is None:
            errors.setdefault("costs", []).append(_("Each cost needs what it is and an amount."))
            continue
        lines.append(CostLine(description=description[:200], amount=amount))
    return lines


def _clean_contributions(rows: Iterable[dict], errors: dict) -> list[ContributionLine]:
    lines = []
    for row in rows:
        kind = row.get("kind") or ""
        description = (row.get("description") or "").strip()
        hours = _decimal(row.get("hours"), "contributions", errors, most=MAX_HOURS)
        value = _decimal(row.get("value"), "contributions", errors, most=MAX_AMOUNT)
        if not description and hours is None and value is None:
            continue
        if kind not in ContributionKind.values or not description:
            errors.setdefault("contributions", []).append(
                _("Each contribution needs its kind and what it is.")
            )
            continue
        if kind == ContributionKind.WORK:
            if not hours:
                errors.setdefault("contributions", []).append(_("Give the hours of social work."))
                continue
            lines.append(ContributionLine(kind=kind, description=description[:200], hours=hours))
        else:
            if value is None:
                errors.setdefault("contributions", []).append(
                    _("Give the value of things or money in PLN.")
                )
                continue
            lines.append(ContributionLine(kind=kind, description=description[:200], value=value))
    return lines


@transaction.atomic
def application_save(
    *,
    application: App,
    user,
    title: str,
    area: str,
    description: str,
    place: str,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    applicant_name: str = "",
    costs: Iterable[dict] = (),
    contributions: Iterable[dict] = (),
    now: datetime.datetime | None = None,
) -> App:
    """Save the draft's sections; the budget and contribution lines are replaced as sent."""
    now = now or timezone.now()
    application = _locked(application)
    _require_editor(user, application)
    _require_draft(application)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the task a title.")]
    if area and area not in App.Area.values:
        errors["area"] = [_("Choose one of the public tasks on the list.")]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The end cannot come before the start.")]
    cost_lines = _clean_costs(costs, errors)
    contribution_lines = _clean_contributions(contributions, errors)
    if len(cost_lines) > MAX_LINES or len(contribution_lines) > MAX_LINES:
        errors.setdefault("costs", []).append(_("At most 30 lines in each table."))
    if errors:
        raise ValidationError(errors)
    application.title = title.strip()[:140]
    application.area = area
    application.description = description.strip()
    application.place = place.strip()[:200]
    application.starts_on, application.ends_on = starts_on, ends_on
    if application.applicant_kind != App.Applicant.RESIDENTS or applicant_name.strip():
        application.applicant_name = applicant_name.strip()[:200] or application.applicant_name
    application.updated_at = now
    application.save()
    application.cost_lines.all().delete()
    application.contribution_lines.all().delete()
    for position, line in enumerate(cost_lines):
        line.application, line.position = application, position
    for position, line in enumerate(contribution_lines):
        line.application, line.position = application, position
    CostLine.objects.bulk_create(cost_lines)
    ContributionLine.objects.bulk_create(contribution_lines)
    _touched(application, now)
    return application


@transaction.atomic
def application_mark_ready(*, application: App, user, now: datetime.datetime | None = None) -> App:
    """Mark a complete draft ready to print and file; the town's hourly rate is fixed on it."""
    now = now or timezone.now()
    application = _locked(application)
    _require_editor(user, application)
    _require_draft(application)
    gaps = missing(application)
    if gaps:
        raise ValidationError(gaps)
    application.hourly_rate = rate_of(application)
    application.state = App.State.READY
    application.ready_at = application.updated_at = now
    application.save(update_fields=["hourly_rate", "state", "ready_at", "updated_at"])
    _timeline(
        application,
        title=_("Local initiative application prepared: %(title)s") % {"title": application.title},
        date=timezone.localdate(now),
        result="",
        user=user,
    )
    _touched(application, now)
    return application


@transaction.atomic
def application_reopen(*, application: App, user, now: datetime.datetime | None = None) -> App:
    """Back to a draft to correct it, as long as the town has not received it."""
    now = now or timezone.now()
    application = _locked(application)
    _require_editor(user, application)
    if application.state != App.State.READY:
        raise refused("state", _("Only an application not yet filed can be corrected."))
    application.state, application.hourly_rate, application.ready_at = App.State.DRAFT, None, None
    application.updated_at = now
    application.save(update_fields=["state", "hourly_rate", "ready_at", "updated_at"])
    _touched(application, now)
    return application


@transaction.atomic
def pledge_add(
    *,
    application: App,
    user,
    kind: str,
    hours: Decimal = ZERO,
    value: Decimal = ZERO,
    description: str = "",
    now: datetime.datetime | None = None,
) -> ContributionPledge:
    """A member pledges hours of social work or something in kind (with its value)."""
    now = now or timezone.now()
    application = _locked(application)
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    if application.is_decided and application.state == App.State.REJECTED:
        raise refused("state", _("The town has rejected this application."))
    if application.initiative_id is not None:
        membership = membership_of(user, application.initiative)
        if membership is None or membership.kind != membership.Kind.MEMBER:
            raise refused("member", _("Join the group as a member to pledge your help."))
    elif not may_edit(user, application):
        raise refused("applicant", _("Only those preparing the application can pledge."))
    errors: dict[str, list[str]] = {}
    if kind == ContributionKind.WORK:
        if not hours or hours <= 0 or hours > MAX_HOURS:
            errors["hours"] = [_("Give the hours of social work.")]
        value = ZERO
    elif kind == ContributionKind.IN_KIND:
        if not description.strip():
            errors["description"] = [_("Say what you will give.")]
        if value is None or value < 0 or value > MAX_AMOUNT:
            errors["value"] = [_("Give a number that is not negative.")]
        hours = ZERO
    else:
        errors["kind"] = [_("Pledge hours of work or something in kind.")]
    if errors:
        raise ValidationError(errors)
    pledge = ContributionPledge.objects.create(
        application=application,
        user=user,
        kind=kind,
        hours=hours,
        value=value,
        description=description.strip()[:200],
        created_at=now,
    )
    _touched(application, now)
    return pledge


@transaction.atomic
def pledge_delivered(
    *,
    pledge: ContributionPledge,
    user,
    hours: Decimal = ZERO,
    value: Decimal = ZERO,
    now: datetime.datetime | None = None,
) -> ContributionPledge:
    """Those preparing the application record what a member actually delivered."""
    now = now or timezone.now()
    application = _locked(pledge.application)
    _require_editor(user, application)
    if hours < 0 or value < 0 or hours > MAX_HOURS or value > MAX_AMOUNT:
        raise ValidationError({"hours": [_("Give a number that is not negative.")]})
    pledge.delivered_hours, pledge.delivered_value = hours, value
    pledge.save(update_fields=["delivered_hours", "delivered_value"])
    _touched(application, now)
    return pledge


@transaction.atomic
def evaluation_record(
    *,
    application: App,
    staff,
    scores: dict[int, tuple[int, str]],
    filed_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> list[CriterionScore]:
    """Record the town's points per criterion of its resolution (each at most its maximum)."""
    now = now or timezone.now()
    application = _locked(application)
    _require_organiser(staff, application)
    if application.state not in (App.State.READY, App.State.FILED):
        raise refused("state", _("Only an application ready or filed can be evaluated."))
    criteria = {c.pk: c for c in EvaluationCriterion.objects.filter(centre=application.centre)}
    errors = {}
    for pk, criterion in criteria.items():
        if pk not in scores:
            errors[f"criterion_{pk}"] = [_("Give the points for every criterion.")]
            continue
        score = scores[pk][0]
        if score is None or not 0 <= score <= criterion.max_score:
            errors[f"criterion_{pk}"] = [
                _("Give from 0 to %(most)s points.") % {"most": criterion.max_score}
            ]
    if set(scores) - set(criteria):
        errors["__all__"] = [_("Score only the criteria of this centre's town.")]
    if errors:
        raise ValidationError(errors)
    application.scores.all().delete()
    rows = CriterionScore.objects.bulk_create(
        CriterionScore(
            application=application,
            criterion=criteria[pk],
            score=score,
            comment=(comment or "").strip()[:2000],
        )
        for pk, (score, comment) in scores.items()
    )
    application.state = App.State.FILED
    application.filed_on = filed_on or application.filed_on or timezone.localdate(now)
    application.updated_at = now
    application.save(update_fields=["state", "filed_on", "updated_at"])
    total = sum(row.score for row in rows)
    log(application, "mam.local_initiative.evaluate", user=staff, data={"total": total})
    _touched(application, now)
    return rows


@transaction.atomic
def decision_record(
    *,
    application: App,
    staff,
    accepted: bool,
    reasons: str,
    decided_on: datetime.date,
    agreement_starts_on: datetime.date | None = None,
    agreement_ends_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> App:
    """Record the town's decision with its reasons and, when accepted, the agreement's dates;
    the initiative's members and supporters get it by email (the worker sends it)."""
    now = now or timezone.now()
    application = _locked(application)
    _require_organiser(staff, application)
    if application.state != App.State.FILED:
        raise refused("state", _("Record the town's evaluation first."))
    errors = {}
    if not reasons.strip():
        errors["reasons"] = [_("Give the town's reasons.")]
    if not accepted and (agreement_starts_on or agreement_ends_on):
        errors["agreement_starts_on"] = [_("A rejected application has no agreement.")]
    if agreement_starts_on and agreement_ends_on and agreement_ends_on < agreement_starts_on:
        errors["agreement_ends_on"] = [_("The end cannot come before the start.")]
    if errors:
        raise ValidationError(errors)
    application.state = App.State.ACCEPTED if accepted else App.State.REJECTED
    application.decision_reasons = reasons.strip()
    application.decided_on = decided_on
    application.agreement_starts_on = agreement_starts_on
    application.agreement_ends_on = agreement_ends_on
    application.updated_at = now
    application.save()
    log(
        application,
        "mam.local_initiative.decide",
        user=staff,
        data={"accepted": accepted, "reasons": application.decision_reasons},
    )
    _timeline(
        application,
        title=_("The town's decision on the local initiative: %(title)s")
        % {"title": application.title},
        date=decided_on,
        result=f"{application.get_state_display()}: {application.decision_reasons}",
        user=staff,
    )
    if application.initiative_id:
        enqueue_in_transaction(send_decision_emails, kind=LOCAL, object_id=application.pk)
    _touched(application, now)
    return application


@transaction.atomic
def terms_set(
    *,
    centre,
    staff,
    hourly_rate: Decimal | None,
    resolution: str,
    criteria: list[tuple[str, int]],
) -> LocalInitiativeTerms:
    """The centre's organiser records what the town's resolution sets: the value of an hour of
    social work and the evaluation criteria with their most points (kept by name)."""
    if not is_organiser(staff, centre):
        raise refused("organiser", _("Only the centre's organiser can record the town's answer."))
    if hourly_rate is not None and (hourly_rate <= 0 or hourly_rate > MAX_AMOUNT):
        raise ValidationError({"hourly_rate": [_("Give a number that is not negative.")]})
    terms, _created = LocalInitiativeTerms.objects.update_or_create(
        centre=centre, defaults={"hourly_rate": hourly_rate, "resolution": resolution.strip()}
    )
    existing = {c.name: c for c in EvaluationCriterion.objects.filter(centre=centre)}
    wanted = {name for name, _most in criteria}
    gone = [c for name, c in existing.items() if name not in wanted]
    if CriterionScore.objects.filter(criterion__in=gone).exists():
        raise ValidationError(
            {"criteria": [_("A criterion already used in an evaluation cannot be removed.")]}
        )
    EvaluationCriterion.objects.filter(pk__in=[c.pk for c in gone]).delete()
    for position, (name, most) in enumerate(criteria):
        EvaluationCriterion.objects.update_or_create(
            centre=centre, name=name, defaults={"max_score": most, "position": position}
        )
    log(terms, "mam.local_initiative.terms", user=staff)
    return terms
