"""Needs and tasks the group posts, and people signing up for them up to the number wanted."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.participation import refused
from initiatives.models import Initiative, Need, NeedSignUp
from initiatives.services.rules import person_refusal, require_leader, require_running
from initiatives.versions import initiatives_changed
from proposals.services.engagement import offer_note_clean

MAX_WANTED = 500


@transaction.atomic
def need_post(
    *,
    initiative: Initiative,
    user,
    title: str,
    wanted: int,
    details: str = "",
    starts_at: datetime.datetime | None = None,
    place: str = "",
    now: datetime.datetime | None = None,
) -> Need:
    """The coordinator or a contact person says what the group needs and how many people."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_leader(user, initiative)
    require_running(initiative)
    errors = {}
    if not title.strip():
        errors["title"] = [_("Say what is needed.")]
    if not 1 <= wanted <= MAX_WANTED:
        errors["wanted"] = [_("Give a number of people from 1 to 500.")]
    if errors:
        raise ValidationError(errors)
    need = Need.objects.create(
        initiative=initiative,
        title=title.strip(),
        details=details.strip(),
        starts_at=starts_at,
        place=place.strip(),
        wanted=wanted,
        created_by=user,
        created_at=now,
    )
    Initiative.objects.filter(pk=initiative.pk).touch(now)
    initiatives_changed(initiative.index_id)
    return need


@transaction.atomic
def need_sign_up(
    *, need: Need, user, note: str = "", now: datetime.datetime | None = None
) -> NeedSignUp:
    """Sign up for a need while places are left; never more people than wanted. The note
    follows a pledge's rule (a need generalises the pledge: proposals' offer_note_clean).

    The need's row is locked, so the last place goes to one person only.
    """
    now = now or timezone.now()
    note = offer_note_clean(note)
    refusal = person_refusal(user)
    if refusal:
        raise refusal
    need = Need.objects.select_for_update().select_related("initiative").get(pk=need.pk)
    require_running(need.initiative)
    existing = NeedSignUp.objects.filter(need=need, user=user).first()
    if existing:
        return existing
    if need.starts_at is not None and need.starts_at <= now:
        raise refused("past", _("This task has already taken place."))
    if need.taken >= need.wanted:
        raise refused("full", _("All places are taken. Thank you for offering!"))
    signup = NeedSignUp.objects.create(need=need, user=user, note=note, created_at=now)
    Need.objects.filter(pk=need.pk).update(taken=F("taken") + 1)
    initiatives_changed(need.initiative.index_id)
    return signup


@transaction.atomic
def need_withdraw(*, need: Need, user) -> bool:
    """Take back one's sign-up, freeing the place."""
    need = Need.objects.select_for_update().select_related("initiative").get(pk=need.pk)
    deleted, _rows = NeedSignUp.objects.filter(need=need, user=user).delete()
    if deleted:
        Need.objects.filter(pk=need.pk).update(taken=F("taken") - 1)
        initiatives_changed(need.initiative.index_id)
    return bool(deleted)
