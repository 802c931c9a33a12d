"""Members' pledged contribution and what they delivered."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.participation import refused
from initiatives.models import (
    ContributionKind,
    ContributionPledge,
)
from initiatives.services.local_initiative.access import (
    _locked,
    _require_editor,
    _touched,
    may_edit,
)
from initiatives.services.local_initiative.reading import MAX_AMOUNT, MAX_HOURS, ZERO, App
from initiatives.services.rules import (
    membership_of,
    person_refusal,
)


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
