"""Online support: public support, not a legal signature."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services.residency import is_verified_resident
from consultations.participation import refused
from initiatives.models import (
    Petition,
    PetitionSupport,
)
from initiatives.services.petitions.thresholds import _changed
from initiatives.services.rules import (
    person_refusal,
)


def _require_open(petition: Petition) -> None:
    if petition.state != Petition.State.OPEN:
        raise refused("closed", _("This petition is not collecting support now."))


@transaction.atomic
def petition_support(
    *, petition: Petition, user, now: datetime.datetime | None = None
) -> PetitionSupport:
    """A signed-in person supports the petition online, once; verified residents apart."""
    now = now or timezone.now()
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    # The petition's row lock orders parallel supports; the constraint backs it regardless.
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    existing = PetitionSupport.objects.filter(petition=petition, user=user).first()
    if existing is not None:
        return existing
    verified = is_verified_resident(user, petition.centre)
    try:
        with transaction.atomic():
            support = PetitionSupport.objects.create(
                petition=petition, user=user, verified_resident=verified, created_at=now
            )
    except IntegrityError:
        return PetitionSupport.objects.get(petition=petition, user=user)
    Petition.objects.filter(pk=petition.pk).update(
        supporters_count=F("supporters_count") + 1,
        verified_supporters_count=F("verified_supporters_count") + int(verified),
    )
    _changed(petition)
    return support


@transaction.atomic
def petition_withdraw(*, petition: Petition, user) -> bool:
    """Withdraw one's online support while the petition collects it."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_open(petition)
    support = PetitionSupport.objects.filter(petition=petition, user=user).first()
    if support is None:
        return False
    support.delete()
    Petition.objects.filter(pk=petition.pk).update(
        supporters_count=F("supporters_count") - 1,
        verified_supporters_count=F("verified_supporters_count") - int(support.verified_resident),
    )
    _changed(petition)
    return True
