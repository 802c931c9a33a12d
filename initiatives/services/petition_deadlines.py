"""A petition's deadline extended by its addressee (art. 10 ust. 2 of the ustawa o petycjach).

A petition is considered within 3 months of filing (art. 10 ust. 1). When it needs another
body's position or is particularly complicated, the addressee may extend that term by the time
needed, by no more than another 3 months, announcing the reason and the expected date. Staff
record what the addressee announced; the members and supporters get it by email. A draft
council resolution (art. 41a of the ustawa o samorządzie gminnym) has no such extension.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import Petition
from initiatives.services.notices import send_extension_emails
from initiatives.services.petitions.thresholds import COUNCIL_DEADLINE, _changed, _record_action
from initiatives.services.rules import is_organiser
from jobs.services import enqueue_in_transaction

EXTENSION_LIMIT = COUNCIL_DEADLINE


def latest_extended_deadline(petition: Petition) -> datetime.date:
    """The furthest date an extension may name: 3 months past the original 3 months."""
    return petition.council_deadline + EXTENSION_LIMIT


def _extension_errors(
    petition: Petition, new_deadline: datetime.date, reason: str, announced_on, today
) -> dict:
    errors = {}
    if not reason.strip():
        errors["reason"] = [_("Give the reason the addressee announced for the extension.")]
    if new_deadline <= petition.deadline:
        errors["new_deadline"] = [
            _("The new date must be after the current deadline, %(date)s.")
            % {"date": date_format(petition.deadline)}
        ]
    elif new_deadline > latest_extended_deadline(petition):
        errors["new_deadline"] = [
            _(
                "The deadline may be extended by at most another 3 months (art. 10 ust. 2 of the "
                "ustawa o petycjach): no later than %(date)s."
            )
            % {"date": date_format(latest_extended_deadline(petition))}
        ]
    if announced_on < petition.filed_on or announced_on > today:
        errors["announced_on"] = [_("The announcement date must be between the filing and today.")]
    return errors


@transaction.atomic
def petition_extend_deadline(
    *,
    petition: Petition,
    staff,
    new_deadline: datetime.date,
    reason: str,
    announced_on: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> Petition:
    """Record the addressee's announced extension of a filed petition's deadline: after the
    deadline in force, at most 3 months past the original one, with its reason; shown on the
    timeline and emailed to the initiative's members and supporters."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    announced_on = announced_on or today
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.is_resolution:
        raise refused(
            "kind",
            _(
                "The council's deadline for a draft resolution (art. 41a) cannot be extended; "
                "only a petition's addressee may extend it (ustawa o petycjach)."
            ),
        )
    if petition.state != Petition.State.FILED:
        raise ValidationError(_("Only a filed petition without an answer can be extended."))
    errors = _extension_errors(petition, new_deadline, reason, announced_on, today)
    if errors:
        raise ValidationError(errors)
    petition.extended_deadline = new_deadline
    petition.extension_reason = reason.strip()
    petition.extension_announced_on = announced_on
    petition.save(update_fields=["extended_deadline", "extension_reason", "extension_announced_on"])
    title = _("The answer's deadline extended to %(date)s") % {"date": date_format(new_deadline)}
    _record_action(petition, title, announced_on, staff, now, result=petition.extension_reason)
    log(
        petition,
        "mam.petition.extended",
        user=staff,
        data={"deadline": new_deadline.isoformat(), "announced_on": announced_on.isoformat()},
    )
    enqueue_in_transaction(
        send_extension_emails, petition_id=petition.pk, deadline=new_deadline.isoformat()
    )
    _changed(petition)
    return petition
