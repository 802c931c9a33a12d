"""The town's part, recorded by the centre's organiser: evaluation, decision, terms."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import (
    CriterionScore,
    EvaluationCriterion,
    LocalInitiativeTerms,
)
from initiatives.services.local_initiative.access import (
    _locked,
    _require_organiser,
    _timeline,
    _touched,
)
from initiatives.services.local_initiative.reading import MAX_AMOUNT, App
from initiatives.services.notices import LOCAL, send_decision_emails
from initiatives.services.rules import (
    is_organiser,
)
from jobs.services import enqueue_in_transaction


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
