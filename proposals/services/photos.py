"""A proposal's photos: checked (size, pixels, format), re-encoded without metadata, attached."""

import io
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from proposals.models import Proposal, ProposalPhoto

MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PHOTO_SIDE = 1600
# Read from the file's header before decoding: 40 megapixels covers every phone camera.
MAX_PHOTO_PIXELS = 40_000_000
# What decoding may take in memory (a 40-megapixel PNG with transparency would need 160 MB).
MAX_PHOTO_DECODED_BYTES = 96 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


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
