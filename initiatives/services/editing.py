"""Editing an initiative after it is started: what it says, where, its photos.

The coordinator and the centre's organisers may edit a waiting or running initiative. Every
edit is dated in Wagtail's action log (`mam.initiative.edit`, with the fields changed and
their earlier values, shown in the admin's history); the initiative's page lists the dates
and what changed. An edit does not send a running initiative back to review: the group is
already public, with members, supporters and perhaps a petition, and hiding it while the
organiser reads the change would take it away from them. The organiser sees every change in
the history and moderates it as any public content (reports, hiding). A waiting initiative
stays waiting, so the organiser reviews the text as it is now (docs/architecture.md).
"""

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from consultations.participation import refused
from initiatives.history import EDIT_ACTION
from initiatives.models import Initiative, InitiativePhoto
from initiatives.models.initiative import ALT_TEXT_MAX
from initiatives.services.rules import is_coordinator, is_organiser, person_refusal
from initiatives.services.starting import (
    area_clean_for_form,
    fields_check,
    photos_add,
    photos_clean,
)
from initiatives.versions import initiatives_changed
from proposals.services.submission import MAX_PHOTOS

TEXT_FIELDS = ("title", "issue", "goal", "place")
PLACE_FIELDS = ("latitude", "longitude", "area")
EDITABLE_STATES = (Initiative.State.PENDING, Initiative.State.ACTIVE)


def may_edit(user, initiative: Initiative) -> bool:
    """The coordinator of a waiting or running initiative, or the centre's organiser."""
    if not user.is_authenticated or initiative.state not in EDITABLE_STATES:
        return False
    return is_organiser(user, initiative.centre) or (
        person_refusal(user) is None and is_coordinator(user, initiative)
    )


def _stored(value):
    """A field's value as the action log keeps it (JSON)."""
    return str(value) if isinstance(value, Decimal) else value


def _changes(initiative: Initiative, new: dict) -> dict:
    """{field: earlier value} for each field whose value differs."""
    return {
        name: _stored(getattr(initiative, name))
        for name, value in new.items()
        if _stored(getattr(initiative, name)) != _stored(value)
    }


def _photos(initiative: Initiative, remove: Iterable[int], photos: Iterable[tuple]) -> tuple:
    """(kept photos, photos to delete, cleaned new photos), at most MAX_PHOTOS kept in all."""
    current = list(initiative.photos.order_by("position", "pk"))
    removed = [photo for photo in current if photo.pk in set(remove)]
    cleaned = photos_clean(photos)
    if len(current) - len(removed) + len(cleaned) > MAX_PHOTOS:
        raise ValidationError(_("Keep at most 3 photos: remove one before adding another."))
    return [photo for photo in current if photo not in removed], removed, cleaned


def alt_field(photo_pk: int) -> str:
    """The name a kept photo's alt text goes by in the edit form and in the errors."""
    return f"photo_alt_{photo_pk}"


def _alt_changes(kept: list, alt_texts: Mapping[int, str]) -> dict:
    """{photo: new alt text} for the kept photos whose text changes; a photo being removed
    keeps no text, a photo of another initiative is an error."""
    by_pk = {photo.pk: photo for photo in kept}
    changes, errors = {}, {}
    for pk, text in alt_texts.items():
        photo, text = by_pk.get(pk), (text or "").strip()
        if photo is None:
            errors.setdefault("photos", []).append(_("No such photo of this initiative."))
        elif not text:
            errors[alt_field(pk)] = [_("Say in a few words what the photo shows.")]
        elif len(text) > ALT_TEXT_MAX:
            errors[alt_field(pk)] = [_("Keep it to 250 characters.")]
        elif text != photo.alt_text:
            changes[photo] = text
    if errors:
        raise ValidationError(errors)
    return changes


@transaction.atomic
def initiative_edit(
    *,
    initiative: Initiative,
    user,
    title: str,
    issue: str,
    goal: str,
    place: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    area: dict | None = None,
    remove_photos: Iterable[int] = (),
    photos: Iterable[tuple] = (),
    alt_texts: Mapping[int, str] | None = None,
    now: datetime.datetime | None = None,
) -> list[str]:
    """Change what the initiative says and where, and its photos (remove, add, or change what
    a kept photo's text says: `alt_texts` by photo id); return the names of what changed
    (photos as "photos"), each edit dated in the action log."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not may_edit(user, initiative):
        raise refused(
            "coordinator", _("Only the initiative's coordinator or the organiser can edit it.")
        )
    fields_check(
        title=title,
        issue=issue,
        goal=goal,
        place=place,
        latitude=latitude,
        longitude=longitude,
        origin_proposal=None,
        centre=initiative.centre,
        area=area,
    )
    new = {"title": title.strip(), "issue": issue.strip(), "goal": goal.strip()}
    new |= {"place": place.strip(), "latitude": latitude, "longitude": longitude}
    new["area"] = area_clean_for_form(area)
    kept, removed, cleaned = _photos(initiative, remove_photos, photos)
    alts = _alt_changes(kept, alt_texts or {})
    before = _changes(initiative, new)
    changed = list(before) + (["photos"] if removed or cleaned or alts else [])
    if not changed:
        return []
    for name in before:
        setattr(initiative, name, new[name])
    initiative.last_activity_at = now
    initiative.save(update_fields=[*before, "last_activity_at"])
    for photo, text in alts.items():
        InitiativePhoto.objects.filter(pk=photo.pk).update(alt_text=text)
    _replace_photos(initiative, removed, cleaned)
    log(initiative, EDIT_ACTION, user=user, data={"changed": changed, "before": before})
    initiatives_changed(initiative.index_id)
    return changed


def _replace_photos(initiative: Initiative, removed: list, cleaned: list) -> None:
    """Delete the removed photos, add the new ones after those kept, renumbered in order."""
    for photo in removed:
        photo.image.delete(save=False)
        photo.delete()
    kept = list(initiative.photos.order_by("position", "pk"))
    for position, photo in enumerate(kept):
        if photo.position != position:
            InitiativePhoto.objects.filter(pk=photo.pk).update(position=position)
    photos_add(initiative, cleaned, start=len(kept))
