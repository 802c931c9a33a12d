"""Submitting, editing and withdrawing proposals; photos (proposals/services/photos.py) and
the area check (proposals/services/area.py) have their own modules."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import contribution_refusal
from accounts.roles import is_staff_for
from config.cache_versions import pages_changed
from consultations import participation
from consultations.models import ConsultationPage, Phase
from consultations.participation import NotAllowed
from proposals.models import Follow, Proposal, StatusChange

# Photos and the area check have their own modules; their names stay importable from here.
from proposals.services.area import point_in_area
from proposals.services.photos import MAX_PHOTO_BYTES as MAX_PHOTO_BYTES
from proposals.services.photos import MAX_PHOTO_DECODED_BYTES as MAX_PHOTO_DECODED_BYTES
from proposals.services.photos import MAX_PHOTO_PIXELS as MAX_PHOTO_PIXELS
from proposals.services.photos import MAX_PHOTO_SIDE as MAX_PHOTO_SIDE
from proposals.services.photos import MAX_PHOTOS as MAX_PHOTOS
from proposals.services.photos import PHOTO_FORMATS as PHOTO_FORMATS
from proposals.services.photos import _add_photos, _cleaned_photos
from proposals.services.photos import photo_clean as photo_clean

EDITABLE_STATUSES = {Proposal.Status.SUBMITTED, Proposal.Status.UNDER_REVIEW}
WITHDRAWABLE_STATUSES = {
    Proposal.Status.SUBMITTED,
    Proposal.Status.UNDER_REVIEW,
    Proposal.Status.ACCEPTED,
}


# Eligibility -------------------------------------------------------------------------------


def _no(code: str, message: str) -> NotAllowed:
    return NotAllowed(participation.refusal(code, message))


def proposals_open(consultation: ConsultationPage, now=None) -> bool:
    """Whether the proposals phase is running at `now`."""
    phase = consultation.phase_at(now or timezone.now())
    return phase is not None and phase.kind == Phase.Kind.PROPOSALS


def edit_deadline(consultation: ConsultationPage) -> datetime.datetime | None:
    """The end of the discussion phase (or of the proposals phase when there is none)."""
    phases = list(consultation.phases.all())
    for kind in (Phase.Kind.DISCUSSION, Phase.Kind.PROPOSALS):
        ends = [p.effective_end for p in phases if p.kind == kind]
        if ends:
            return max(ends)
    return None


def edit_refusal(user, proposal: Proposal, now=None) -> NotAllowed | None:
    """Say why `user` may not edit `proposal` now, or None if they may."""
    now = now or timezone.now()
    if not user.is_authenticated or proposal.author_id != user.pk:
        return _no("author", _("Only the author can change this proposal."))
    if contribution_refusal(user):
        return _no("account", _("Your account cannot make changes now."))
    if proposal.status not in EDITABLE_STATUSES:
        return _no(
            "status",
            _("This proposal can no longer be changed: the officials have already decided."),
        )
    deadline = edit_deadline(proposal.consultation)
    if deadline is None or now >= deadline:
        return _no("phase", _("Proposals can be changed only until the discussion ends."))
    return None


def withdraw_refusal(user, proposal: Proposal) -> NotAllowed | None:
    """Say why `user` may not withdraw `proposal`, or None if they may."""
    if not user.is_authenticated or proposal.author_id != user.pk:
        return _no("author", _("Only the author can withdraw this proposal."))
    if proposal.status not in WITHDRAWABLE_STATUSES:
        return _no("status", _("This proposal can no longer be withdrawn."))
    return None


# Validation shared by submit and edit ------------------------------------------------------


def _check_fields(
    *,
    consultation,
    title,
    body,
    category,
    latitude,
    longitude,
    place,
    estimated_cost,
    district=None,
) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors.setdefault("title", []).append(_("Give your proposal a title."))
    if not body.strip():
        errors.setdefault("body", []).append(_("Describe your proposal."))
    if category is not None and category.consultation_id != consultation.pk:
        errors.setdefault("category", []).append(_("Choose one of this consultation's categories."))
    if district is not None and district.centre_id != getattr(consultation.centre, "pk", None):
        errors.setdefault("district", []).append(_("Choose one of the centre's districts."))
    if (latitude is None) != (longitude is None):
        errors.setdefault("latitude", []).append(_("Give both latitude and longitude."))
    elif latitude is not None and not point_in_area(consultation, latitude, longitude):
        errors.setdefault("latitude", []).append(
            _("This point lies outside the consultation's area.")
        )
    if latitude is None and not place.strip():
        errors.setdefault("place", []).append(
            _("Say where it is: type a place or an address, or mark a point on the map.")
        )
    if estimated_cost is not None and Decimal(estimated_cost) < 0:
        errors.setdefault("estimated_cost", []).append(_("The cost cannot be negative."))
    if errors:
        raise ValidationError(errors)


# Services ----------------------------------------------------------------------------------


def _check_may_submit(consultation: ConsultationPage, *, author, submitted_by_staff, now) -> None:
    """Refuse unless a resident may propose now, or an official submits for one at the desk."""
    if submitted_by_staff is not None:
        if not is_staff_for(submitted_by_staff, "proposals.add_proposal", consultation.centre):
            raise _no("rule", _("Only the centre's staff can submit proposals for residents."))
        if not proposals_open(consultation, now):
            raise _no("phase", _("Proposals can be submitted only during the proposals phase."))
    else:
        if author is None:
            raise _no("login", _("Sign in to submit a proposal."))
        participation.require(author, consultation, "propose", now)


@transaction.atomic
def proposal_submit(
    *,
    consultation: ConsultationPage,
    author=None,
    submitted_by_staff=None,
    title: str,
    body: str,
    category=None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    place: str = "",
    district=None,
    estimated_cost: Decimal | None = None,
    photos: Iterable = (),
    now: datetime.datetime | None = None,
) -> Proposal:
    """Publish a proposal; the author follows it, and its history starts at 'submitted'.

    Staff at the centre desk pass `submitted_by_staff` (and `author` when the resident has an
    account); the staff member must be an official of the consultation's centre.
    """
    now = now or timezone.now()
    _check_may_submit(consultation, author=author, submitted_by_staff=submitted_by_staff, now=now)
    _check_fields(
        consultation=consultation,
        title=title,
        body=body,
        category=category,
        latitude=latitude,
        longitude=longitude,
        place=place,
        district=district,
        estimated_cost=estimated_cost,
    )
    # Check every photo before anything is saved, so a bad photo leaves no proposal behind.
    cleaned = _cleaned_photos(photos)

    proposal = Proposal.objects.create(
        consultation=consultation,
        author=author,
        submitted_by_staff=submitted_by_staff,
        title=title.strip(),
        body=body.strip(),
        category=category,
        latitude=latitude,
        longitude=longitude,
        place=place.strip(),
        district=district,
        estimated_cost=estimated_cost,
        created_at=now,
    )
    _add_photos(proposal, cleaned)
    _start_history(proposal, author=author, submitted_by_staff=submitted_by_staff, now=now)
    pages_changed(consultation.pk)
    return proposal


def _start_history(
    proposal: Proposal, *, author, submitted_by_staff, now: datetime.datetime
) -> None:
    """Record the proposal's first status, 'submitted', and make its author follow it."""
    StatusChange.objects.create(
        proposal=proposal,
        status=Proposal.Status.SUBMITTED,
        changed_by=submitted_by_staff or author,
        created_at=now,
    )
    if author is not None:
        Follow.objects.get_or_create(proposal=proposal, user=author)


@transaction.atomic
def proposal_edit(
    *,
    proposal: Proposal,
    user,
    title: str,
    body: str,
    category=None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    place: str = "",
    district=None,
    estimated_cost: Decimal | None = None,
    now: datetime.datetime | None = None,
) -> Proposal:
    """Let the author change their proposal until the discussion ends and no decision is made."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    refusal = edit_refusal(user, proposal, now)
    if refusal:
        raise refusal
    _check_fields(
        consultation=proposal.consultation,
        title=title,
        body=body,
        category=category,
        latitude=latitude,
        longitude=longitude,
        place=place,
        district=district,
        estimated_cost=estimated_cost,
    )
    proposal.title = title.strip()
    proposal.body = body.strip()
    proposal.category = category
    proposal.latitude = latitude
    proposal.longitude = longitude
    proposal.place = place.strip()
    proposal.district = district
    proposal.estimated_cost = estimated_cost
    proposal.save()
    pages_changed(proposal.consultation_id)
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, user) -> Proposal:
    """Withdraw a proposal at its author's wish; it stays visible, marked as withdrawn."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    refusal = withdraw_refusal(user, proposal)
    if refusal:
        raise refusal
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    StatusChange.objects.create(
        proposal=proposal, status=Proposal.Status.WITHDRAWN, changed_by=user
    )
    pages_changed(proposal.consultation_id)
    return proposal
