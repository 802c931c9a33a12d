"""Filing with the addressee (the threshold of a draft resolution) and the decision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import (
    Petition,
)
from initiatives.services.notices import (
    PETITION,
    send_decision_emails,
)
from initiatives.services.petitions.thresholds import (
    _changed,
    _record_action,
    council_deadline,
    signature_threshold,
)
from initiatives.services.rules import (
    is_organiser,
)
from jobs.services import enqueue_in_transaction


def filing_threshold(petition: Petition) -> int:
    """The signatures the draft resolution needs to be filed; 0 for an ordinary petition."""
    if not petition.is_resolution:
        return 0
    return petition.signatures_required or signature_threshold(petition.centre)


def _require_threshold(petition: Petition, *, confirmed: bool) -> int:
    """A draft resolution needs its threshold of confirmed paper signatures (art. 41a ust. 2);
    an ordinary petition (art. 63 of the Constitution, the ustawa o petycjach) has none. The
    number is the one fixed when the draft was published: the act's by population, or the lower
    one staff recorded from the town's statute (PetitionRules). MAM records a filing that
    happened: below the threshold only when the organiser confirms the draft was filed anyway
    (the council is then not bound to debate it: art. 41a ust. 3 binds it only for a
    draft backed as ust. 2 requires). Returns the threshold (0: none)."""
    required = filing_threshold(petition)
    if petition.paper_signatures < required and not confirmed:
        raise refused(
            "threshold",
            _(
                "%(confirmed)s of the %(required)s valid signatures a draft council resolution "
                "needs (art. 41a of the ustawa o samorządzie gminnym) are confirmed on paper; "
                "online support does not count. Record the filing only if the draft was filed "
                "anyway, and confirm it."
            )
            % {"required": required, "confirmed": petition.paper_signatures},
        )
    return required


def below_threshold_text(petition: Petition) -> str:
    """The plain public note on a draft filed below its threshold; empty otherwise."""
    if not petition.below_threshold:
        return ""
    return _(
        "the draft filed with %(count)s of %(required)s required signatures — below the "
        "threshold of art. 41a"
    ) % {"count": petition.filed_signatures, "required": petition.signatures_required}


@transaction.atomic
def petition_file(
    *,
    petition: Petition,
    staff,
    filed_on: datetime.date,
    below_threshold_confirmed: bool = False,
    now: datetime.datetime | None = None,
) -> Petition:
    """Record the day the petition (or draft) was filed; a draft gets the council's deadline.
    A draft resolution below its signature threshold is recorded only when the organiser
    confirms it was filed anyway, and then says so publicly."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.state != Petition.State.OPEN:
        raise ValidationError(_("Only a published petition that is not yet filed can be filed."))
    if filed_on > timezone.localdate(now):
        raise ValidationError({"filed_on": [_("The filing date cannot be in the future.")]})
    required = _require_threshold(petition, confirmed=below_threshold_confirmed)
    petition.state = Petition.State.FILED
    petition.filed_on = filed_on
    fields = ["state", "filed_on", "council_deadline", "filed_signatures", "signatures_required"]
    # A draft resolution is debated within 3 months (art. 41a ust. 3 of the ustawa o samorządzie
    # gminnym); an ordinary petition is considered within 3 months of filing too (art. 10 ust. 1
    # of the ustawa o petycjach): the same date, kept in the one deadline field.
    petition.council_deadline = council_deadline(filed_on)
    if petition.is_resolution:
        petition.filed_signatures = petition.paper_signatures
        petition.signatures_required = required
    petition.save(update_fields=fields)
    title = _("Filed with %(addressee)s: %(title)s") % {
        "addressee": petition.addressee_label,
        "title": petition.title,
    }
    _record_action(
        petition, title, filed_on, staff, now, result=capfirst(below_threshold_text(petition))
    )
    data = {"filed_on": filed_on.isoformat()}
    if petition.is_resolution:
        data |= {
            "signatures": petition.filed_signatures,
            "required": required,
            "below_threshold": petition.below_threshold,
        }
    action = (
        "mam.petition.filed_below_threshold" if petition.below_threshold else "mam.petition.filed"
    )
    log(petition, action, user=staff, data=data)
    _changed(petition)
    return petition


@transaction.atomic
def petition_decide(
    *,
    petition: Petition,
    staff,
    decision: str,
    decided_on: datetime.date,
    decision_text: str = "",
    resolution_url: str = "",
    now: datetime.datetime | None = None,
) -> Petition:
    """Record the answer: the council's decision, with a link to its resolution. The
    initiative's members and supporters get it by email (the worker sends it)."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not is_organiser(staff, petition.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if petition.state != Petition.State.FILED:
        raise ValidationError(_("Record the filing first."))
    if decision not in Petition.Decision.values:
        raise ValidationError({"decision": [_("Choose the decision.")]})
    if decided_on < petition.filed_on:
        raise ValidationError({"decided_on": [_("The decision cannot be before the filing.")]})
    petition.state = Petition.State.DECIDED
    petition.decision = decision
    petition.decided_on = decided_on
    petition.decision_text = decision_text.strip()
    petition.resolution_url = resolution_url.strip()
    petition.save(
        update_fields=["state", "decision", "decided_on", "decision_text", "resolution_url"]
    )
    _record_action(
        petition,
        _("Decision: %(decision)s") % {"decision": petition.get_decision_display()},
        decided_on,
        staff,
        now,
        result=petition.decision_text,
    )
    log(petition, "mam.petition.decided", user=staff, data={"decision": decision})
    enqueue_in_transaction(send_decision_emails, kind=PETITION, object_id=petition.pk)
    _changed(petition)
    return petition
