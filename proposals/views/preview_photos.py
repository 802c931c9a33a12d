"""Photos kept between the two steps of submitting a proposal: stored under a random folder,
named in a token signed for the author, read back on "check your answers", dropped after.

`manage.py clear_preview_photos` removes the folders of drafts never sent."""

import json
import secrets

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from proposals.forms import ProposalSubmitForm

PHOTOS_SIGNING_NAMESPACE = "proposals.photos"
TOKEN_MAX_AGE = 24 * 3600
TMP_DIR = "proposals/tmp"


def store_photos(user, form: ProposalSubmitForm, token: str | None) -> str:
    """Store new photos (replacing those in the same slot); return the signed token."""
    folder, slots = read_token(user, token)
    if folder is None:
        folder, slots = secrets.token_hex(16), {}
    for number in form.photo_numbers():
        upload = form.cleaned_data.get(f"photo_{number}")
        if form.cleaned_data.get(f"remove_{number}") and str(number) in slots:
            default_storage.delete(slots.pop(str(number)))
        if upload:
            if str(number) in slots:
                default_storage.delete(slots[str(number)])
            name = f"{TMP_DIR}/{folder}/{upload.name}"
            slots[str(number)] = default_storage.save(name, upload)
    manifest = f"{TMP_DIR}/{folder}/manifest.json"
    if default_storage.exists(manifest):
        default_storage.delete(manifest)
    default_storage.save(manifest, ContentFile(json.dumps(slots).encode()))
    return signing.dumps({"f": folder, "u": user.pk}, salt=PHOTOS_SIGNING_NAMESPACE)


def read_token(user, token: str | None) -> tuple[str | None, dict]:
    """Return the photo folder and its slots for a valid token of this user, else (None, {})."""
    if not token:
        return None, {}
    try:
        data = signing.loads(token, salt=PHOTOS_SIGNING_NAMESPACE, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None, {}
    if data.get("u") != user.pk:
        return None, {}
    folder = str(data.get("f", ""))
    if not folder.isalnum():
        return None, {}
    try:
        with default_storage.open(f"{TMP_DIR}/{folder}/manifest.json") as manifest:
            slots = json.loads(manifest.read())
    except (OSError, ValueError):
        return None, {}
    return folder, {k: v for k, v in slots.items() if default_storage.exists(v)}


def stored_photos(slots: dict, data) -> list[dict]:
    return [
        {
            "number": int(number),
            "name": name,
            "url": default_storage.url(name),
            "alt": (data.get(f"alt_{number}") or "").strip(),
        }
        for number, name in sorted(slots.items())
    ]


def drop_folder(folder: str, slots: dict) -> None:
    for name in slots.values():
        default_storage.delete(name)
    default_storage.delete(f"{TMP_DIR}/{folder}/manifest.json")
