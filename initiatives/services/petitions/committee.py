"""The art. 41a committee: invitations, consent, leaving, members met at the centre."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.models import (
    CommitteeMember,
    Initiative,
    Membership,
    Petition,
)
from initiatives.services.notices import (
    send_committee_invitation,
)
from initiatives.services.rules import (
    is_organiser,
    person_refusal,
    require_coordinator,
    require_running,
)
from initiatives.versions import initiatives_changed
from jobs.services import enqueue_in_transaction


def consented_committee(initiative: Initiative):
    """The committee members who have consented, in the order they joined."""
    return CommitteeMember.objects.filter(initiative=initiative, consented_at__isnull=False)


@transaction.atomic
def committee_invite(*, initiative: Initiative, coordinator, member: Membership) -> CommitteeMember:
    """The coordinator invites a member of the group; the seat counts once they consent. The
    invited person gets an email with the link where they consent (the worker sends it)."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(coordinator, initiative)
    require_running(initiative)
    member = Membership.objects.filter(pk=member.pk, initiative=initiative).first()
    if member is None or member.kind != Membership.Kind.MEMBER:
        raise refused("committee", _("Invite a member of the group."))
    seat, created = CommitteeMember.objects.get_or_create(
        initiative=initiative,
        user_id=member.user_id,
        defaults={"full_name": member.user.get_full_name() or member.user.public_name},
    )
    if created and seat.user_id != coordinator.pk:
        enqueue_in_transaction(send_committee_invitation, seat_id=seat.pk)
    return seat


@transaction.atomic
def committee_consent(
    *,
    initiative: Initiative,
    user,
    full_name: str,
    show_name: bool = False,
    now: datetime.datetime | None = None,
) -> CommitteeMember:
    """An invited member consents to sit on the committee, under their full legal name."""
    now = now or timezone.now()
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    seat = (
        CommitteeMember.objects.select_for_update().filter(initiative=initiative, user=user).first()
    )
    if seat is None:
        raise refused("committee", _("You have not been invited to the committee."))
    petition = Petition.objects.filter(initiative=initiative).first()
    if petition is not None and petition.state in (Petition.State.FILED, Petition.State.DECIDED):
        raise refused("filed", _("The draft is filed: the committee can no longer change."))
    if not full_name.strip():
        raise ValidationError({"full_name": [_("Give your first name and surname.")]})
    seat.full_name = full_name.strip()
    seat.consented_at = seat.consented_at or now
    seat.show_name = show_name
    seat.save(update_fields=["full_name", "consented_at", "show_name"])
    initiatives_changed(initiative.index_id)
    return seat


@transaction.atomic
def committee_leave(*, initiative: Initiative, user) -> bool:
    """Decline the invitation or leave the committee (before the draft is filed)."""
    petition = Petition.objects.filter(initiative=initiative).first()
    if petition is not None and petition.state in (Petition.State.FILED, Petition.State.DECIDED):
        raise refused("filed", _("The draft is filed: the committee can no longer change."))
    deleted, _rows = CommitteeMember.objects.filter(initiative=initiative, user=user).delete()
    initiatives_changed(initiative.index_id)
    return bool(deleted)


@transaction.atomic
def committee_record(
    *,
    initiative: Initiative,
    staff,
    full_name: str,
    consent: bool,
    show_name: bool = False,
    now: datetime.datetime | None = None,
) -> CommitteeMember:
    """Staff add a person met at the centre, noting that they consented in person."""
    now = now or timezone.now()
    if not is_organiser(staff, initiative.centre):
        raise refused("organiser", _("Only the centre's organiser can do this."))
    if not consent:
        raise ValidationError({"consent": [_("A person joins the committee only with consent.")]})
    if not full_name.strip():
        raise ValidationError({"full_name": [_("Give the person's first name and surname.")]})
    seat = CommitteeMember.objects.create(
        initiative=initiative,
        full_name=full_name.strip(),
        consented_at=now,
        consent_noted_by=staff,
        show_name=show_name,
        created_at=now,
    )
    log(initiative, "mam.petition.committee", user=staff, data={"member": seat.pk})
    initiatives_changed(initiative.index_id)
    return seat
