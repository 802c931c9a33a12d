"""Submitting, editing and withdrawing proposals, with their photos and the area check."""

import datetime
import io
import uuid
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.permissions import contribution_refusal
from accounts.roles import is_staff_for
from config.cache_versions import pages_changed
from consultations import participation
from consultations.models import ConsultationPage, Phase
from consultations.participation import NotAllowed
from proposals.models import Follow, Proposal, ProposalPhoto, StatusChange

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PHOTO_SIDE = 1600
# Read from the file's header before decoding: 40 megapixels covers every phone camera.
MAX_PHOTO_PIXELS = 40_000_000
# What decoding may take in memory (a 40-megapixel PNG with transparency would need 160 MB).
MAX_PHOTO_DECODED_BYTES = 96 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
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


# The area ----------------------------------------------------------------------------------


def _polygons(geojson) -> list[list[list[list[float]]]]:
    """Return the polygons (each a list of rings of [lon, lat]) of a GeoJSON object."""
    if not isinstance(geojson, dict):
        return []
    kind = geojson.get("type")
    if kind == "Feature":
        return _polygons(geojson.get("geometry"))
    if kind == "FeatureCollection":
        return [poly for f in geojson.get("features") or [] for poly in _polygons(f)]
    if kind == "Polygon":
        return [geojson.get("coordinates") or []]
    if kind == "MultiPolygon":
        return list(geojson.get("coordinates") or [])
    return []


def _in_ring(lon: float, lat: float, ring) -> bool:
    """Ray casting: count edges a ray from the point eastwards crosses."""
    inside = False
    count = len(ring)
    for i in range(count):
        x1, y1 = float(ring[i][0]), float(ring[i][1])
        x2, y2 = float(ring[i - 1][0]), float(ring[i - 1][1])
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


def point_in_area(consultation: ConsultationPage, latitude, longitude) -> bool:
    """Whether the point lies within the consultation's boundary (True when it has none)."""
    polygons = _polygons(consultation.boundary)
    if not polygons:
        return True
    lat, lon = float(latitude), float(longitude)
    for rings in polygons:
        inside = rings and _in_ring(lon, lat, rings[0])
        if inside and not any(_in_ring(lon, lat, hole) for hole in rings[1:]):
            return True
    return False


# Photos ------------------------------------------------------------------------------------


def _check_pixels(image: Image.Image, *, decoded: bool = False) -> None:
    """Refuse a photo whose size (from the header) would take too much memory to decode."""
    pixels = image.width * image.height
    if pixels > MAX_PHOTO_PIXELS or (
        decoded and pixels * len(image.getbands()) > MAX_PHOTO_DECODED_BYTES
    ):
        raise ValidationError(
            _(
                "This photo has too many pixels (%(width)d × %(height)d). Send a smaller one, "
                "at most 40 megapixels, for example 8000 × 5000."
            )
            % {"width": image.width, "height": image.height},
            code="too_many_pixels",
        )


def photo_clean(upload: File) -> ContentFile:
    """Check a photo by its content, shrink it and re-encode it without EXIF or GPS data."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise ValidationError(_("A photo can be at most 8 MB."), code="too_big")
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind = image.format
            if kind not in PHOTO_FORMATS:
                raise ValidationError(_("Send a photo as JPEG, PNG or WebP."), code="format")
            _check_pixels(image)
            if kind == "JPEG":  # decode at a fraction of the size when that is enough
                image.draft(image.mode, (MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
            _check_pixels(image, decoded=True)
            image.load()
            image = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(_("This file is not a photo we can read."), code="format") from error
    image.thumbnail((MAX_PHOTO_SIDE, MAX_PHOTO_SIDE))
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # A fresh image carries no info: no EXIF, GPS, XMP, comments or text chunks survive.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    if image.mode == "P" and image.getpalette():
        clean.putpalette(image.getpalette())
    out = io.BytesIO()
    options = {"quality": 85} if kind in ("JPEG", "WEBP") else {}
    clean.save(out, format=kind, **options)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{PHOTO_FORMATS[kind]}")


def _photo_pairs(photos: Iterable) -> list[tuple[File, str]]:
    pairs = []
    for item in photos:
        file, alt = item if isinstance(item, tuple) else (item, "")
        pairs.append((file, (alt or "").strip()))
    return pairs


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


def _cleaned_photos(photos: Iterable) -> list:
    """The (checked file, alt text) pairs of the photos, at most MAX_PHOTOS of them."""
    pairs = _photo_pairs(photos)
    if len(pairs) > MAX_PHOTOS:
        raise ValidationError({"photos": [_("Add at most 3 photos.")]})
    return [(photo_clean(file), alt) for file, alt in pairs]


def _add_photos(proposal: Proposal, cleaned: list) -> None:
    """Attach the photos in order; one without a description gets its number as alt text."""
    for position, (file, alt) in enumerate(cleaned):
        ProposalPhoto.objects.create(
            proposal=proposal,
            image=file,
            alt_text=alt or _("Photo %(number)d of the proposal") % {"number": position + 1},
            position=position,
        )


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
