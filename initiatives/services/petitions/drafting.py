"""The coordinator writes the petition or draft and publishes it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.participation import NotAllowed, refused
from initiatives.models import (
    Initiative,
    Petition,
)
from initiatives.services.petitions.committee import consented_committee
from initiatives.services.petitions.thresholds import (
    COMMITTEE_MINIMUM,
    _record_action,
    signature_threshold,
)
from initiatives.services.rules import (
    require_coordinator,
    require_running,
)
from initiatives.versions import initiatives_changed


@transaction.atomic
def petition_prepare(
    *,
    initiative: Initiative,
    user,
    kind: str,
    addressee: str,
    addressee_name: str = "",
    title: str,
    text: str,
    now: datetime.datetime | None = None,
) -> Petition:
    """The coordinator writes (or rewrites, until it is published) the petition or draft."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_coordinator(user, initiative)
    require_running(initiative)
    petition = Petition.objects.filter(initiative=initiative).first()
    if petition is not None and petition.state != Petition.State.DRAFT:
        raise refused("published", _("The petition is published and can no longer be changed."))
    if kind == Petition.Kind.RESOLUTION:
        addressee = Petition.Addressee.COUNCIL
    errors = {}
    if kind not in Petition.Kind.values:
        errors["kind"] = [_("Choose a petition or a draft council resolution.")]
    if addressee not in Petition.Addressee.values:
        errors["addressee"] = [_("Choose whom the petition addresses.")]
    if addressee == Petition.Addressee.OTHER and not addressee_name.strip():
        errors["addressee_name"] = [_("Give the name of the body the petition addresses.")]
    if not title.strip():
        errors["title"] = [_("Give the petition a title.")]
    if not text.strip():
        errors["text"] = [_("Write the text of the petition.")]
    if errors:
        raise ValidationError(errors)
    fields = {
        "kind": kind,
        "addressee": addressee,
        "addressee_name": addressee_name.strip() if addressee == Petition.Addressee.OTHER else "",
        "title": title.strip(),
        "text": text.strip(),
    }
    if petition is None:
        petition = Petition.objects.create(
            initiative=initiative, centre_id=initiative.centre_id, created_at=now, **fields
        )
    else:
        for name, value in fields.items():
            setattr(petition, name, value)
        petition.save(update_fields=list(fields))
    return petition


def publish_refusal(*, petition: Petition, user) -> NotAllowed | None:
    """Why `user` may not publish `petition` now, or None when they may: petition_publish's
    rules, read by the confirmation page before it offers the button."""
    initiative = petition.initiative
    try:
        require_coordinator(user, initiative)
        require_running(initiative)
    except NotAllowed as refusal:
        return refusal
    if petition.state != Petition.State.DRAFT:
        return refused("published", _("The petition is already published."))
    if petition.is_resolution:
        members = consented_committee(initiative).count()
        if members < COMMITTEE_MINIMUM:
            return refused(
                "committee",
                _(
                    "A draft council resolution needs a committee of at least %(minimum)s "
                    "people who consented; it has %(members)s."
                )
                % {"minimum": COMMITTEE_MINIMUM, "members": members},
            )
    return None


@transaction.atomic
def petition_publish(*, petition: Petition, user, now: datetime.datetime | None = None) -> Petition:
    """The coordinator publishes the petition; a draft resolution needs a committee of five."""
    now = now or timezone.now()
    petition = Petition.objects.select_for_update().select_related("initiative").get(pk=petition.pk)
    initiative = petition.initiative
    if refusal := publish_refusal(petition=petition, user=user):
        raise refusal
    if petition.is_resolution:
        petition.signatures_required = signature_threshold(initiative.centre)
    petition.state = Petition.State.OPEN
    petition.opened_at = now
    petition.save(update_fields=["state", "opened_at", "signatures_required"])
    _record_action(
        petition,
        _("Started collecting support: %(title)s") % {"title": petition.title},
        timezone.localdate(now),
        user,
        now,
    )
    Initiative.objects.filter(pk=initiative.pk).touch(now)
    initiatives_changed(initiative.index_id)
    return petition
