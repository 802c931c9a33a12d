"""Writing the application: start, save its lines, mark it ready, reopen it."""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.participation import refused
from initiatives.models import (
    ContributionKind,
    ContributionLine,
    CostLine,
    Initiative,
    InitiativeIndexPage,
)
from initiatives.services.local_initiative.access import (
    _locked,
    _require_draft,
    _require_editor,
    _timeline,
    _touched,
)
from initiatives.services.local_initiative.reading import (
    MAX_AMOUNT,
    MAX_HOURS,
    MAX_LINES,
    App,
    missing,
    rate_of,
)
from initiatives.services.rules import (
    is_leader,
    person_refusal,
    require_running,
    start_refusal,
)


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
