"""What the group did (actions), its outcome when it ends, and links to proposals."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from consultations.participation import refused
from initiatives.models import Action, Initiative
from initiatives.selectors import linked_activity_ids
from initiatives.services.rules import require_coordinator, require_leader, require_running
from initiatives.versions import initiatives_changed
from proposals.models import Proposal
from proposals.services.submission import proposal_submit


@transaction.atomic
def action_record(
    *,
    initiative: Initiative,
    user,
    kind: str,
    title: str,
    date: datetime.date,
    result: str = "",
    activity_id: int | None = None,
    now: datetime.datetime | None = None,
) -> Action:
    """Record something the group did, with its date and (later) its result; a meeting held
    at the centre may name one of the activities linked to the initiative."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_leader(user, initiative)
    require_running(initiative)
    errors = {}
    if kind not in Action.Kind.values:
        errors["kind"] = [_("Choose what kind of action it was.")]
    if not title.strip():
        errors["title"] = [_("Say what the group did.")]
    if activity_id is not None and activity_id not in linked_activity_ids(initiative):
        errors["activity"] = [_("Choose one of the group's activities at the centre.")]
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(
        initiative=initiative,
        kind=kind,
        title=title.strip(),
        date=date,
        result=result.strip(),
        activity_id=activity_id,
        created_by=user,
        created_at=now,
    )
    Initiative.objects.filter(pk=initiative.pk).touch(now)
    initiatives_changed(initiative.index_id)
    return action


@transaction.atomic
def initiative_end(
    *,
    initiative: Initiative,
    user,
    outcome: str,
    outcome_text: str,
    now: datetime.datetime | None = None,
) -> Initiative:
    """The coordinator ends the initiative with its outcome in the group's own words."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(user, initiative)
    require_running(initiative)
    errors = {}
    if outcome not in Initiative.Outcome.values:
        errors["outcome"] = [_("Choose how it ended.")]
    if not outcome_text.strip():
        errors["outcome_text"] = [_("Tell in your own words what the group reached.")]
    if errors:
        raise ValidationError(errors)
    initiative.state = Initiative.State.ENDED
    initiative.outcome = outcome
    initiative.outcome_text = outcome_text.strip()
    initiative.ended_at = now
    initiative.save(update_fields=["state", "outcome", "outcome_text", "ended_at"])
    initiatives_changed(initiative.index_id)
    return initiative


@transaction.atomic
def initiative_to_proposal(
    *,
    initiative: Initiative,
    user,
    consultation: ConsultationPage,
    now: datetime.datetime | None = None,
) -> Proposal:
    """The coordinator submits the initiative as a proposal to an open consultation of the
    same centre (the consultation's own rules apply); both keep a link to the other."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(user, initiative)
    require_running(initiative)
    if initiative.proposal_id is not None:
        raise refused("linked", _("This initiative is already a proposal."))
    if consultation.centre != initiative.centre:
        raise refused("centre", _("Choose a consultation of this centre."))
    proposal = proposal_submit(
        consultation=consultation,
        author=user,
        title=initiative.title,
        body=f"{initiative.issue}\n\n{initiative.goal}",
        latitude=initiative.latitude,
        longitude=initiative.longitude,
        place=initiative.place,
        now=now,
    )
    initiative.proposal = proposal
    initiative.save(update_fields=["proposal"])
    initiatives_changed(initiative.index_id)
    return proposal
