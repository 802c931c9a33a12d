"""Updates on the group's public timeline, emailed to members and supporters by the worker.

Posting queues one task (`send_update_emails`) with the update; the task walks the people
who get emails in batches and queues one email each, every one under a done-once mark, so
a task run again after its worker died sends nobody a second copy.
"""

import base64
import binascii
import datetime
import uuid

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.notifications import send_user_email
from home.links import absolute_url
from initiatives.models import Initiative, Membership, Update
from initiatives.services.rules import require_leader, require_running
from initiatives.versions import initiatives_changed
from jobs.services import enqueue_in_transaction, run_once
from proposals.services.submission import photo_clean

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
BATCH = 200
UNSUBSCRIBE_SALT = "initiatives.unsubscribe"


def document_clean(upload: File) -> ContentFile:
    """Accept a PDF (by its content, not its name) of at most 10 MB."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("A document can be at most 10 MB."), code="too_big")
    upload.seek(0)
    content = upload.read(MAX_DOCUMENT_BYTES + 1)
    if len(content) > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("A document can be at most 10 MB."), code="too_big")
    if not content.startswith(b"%PDF-"):
        raise ValidationError(_("Send the document as a PDF file."), code="format")
    return ContentFile(content, name=f"{uuid.uuid4().hex}.pdf")


@transaction.atomic
def update_post(
    *,
    initiative: Initiative,
    user,
    body: str,
    photo: File | None = None,
    photo_alt: str = "",
    document: File | None = None,
    document_title: str = "",
    now: datetime.datetime | None = None,
) -> Update:
    """Post an update to the timeline and queue its emails to members and supporters."""
    now = now or timezone.now()
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    require_leader(user, initiative)
    require_running(initiative)
    errors = {}
    if not body.strip():
        errors["body"] = [_("Write the update.")]
    if photo is not None and not photo_alt.strip():
        errors["photo_alt"] = [_("Say in a few words what the photo shows.")]
    if errors:
        raise ValidationError(errors)
    update = Update(
        initiative=initiative,
        author=user,
        body=body.strip(),
        photo_alt=photo_alt.strip(),
        document_title=document_title.strip(),
        created_at=now,
    )
    if photo is not None:
        update.photo = photo_clean(photo)
    if document is not None:
        update.document = document_clean(document)
        update.document_title = update.document_title or _("Document")
    update.save()
    Initiative.objects.filter(pk=initiative.pk).touch(now)
    enqueue_in_transaction(send_update_emails, update_id=update.pk)
    initiatives_changed(initiative.index_id)
    return update


def unsubscribe_token(initiative: Initiative, user) -> str:
    """A signed token for the link, in URL-safe base64: page routes take letters, digits,
    "-" and "_" only, not signing's ":"."""
    token = signing.dumps({"i": initiative.pk, "u": user.pk}, salt=UNSUBSCRIBE_SALT)
    return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


def unsubscribe_unsign(token: str) -> tuple[int, int] | None:
    """The (initiative id, user id) a signed link names, or None for a broken link."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = signing.loads(raw, salt=UNSUBSCRIBE_SALT)
        return int(data["i"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, binascii.Error):
        return None


def unsubscribe_url(initiative: Initiative, user) -> str:
    """A signed link that stops the initiative's emails without signing in."""
    path = initiative.index.sub_url("unsubscribe", token=unsubscribe_token(initiative, user))
    return absolute_url(path)


@transaction.atomic
def emails_stop(*, initiative: Initiative, user) -> bool:
    """Stop the initiative's update emails to `user` (they stay a member or supporter)."""
    return bool(Membership.objects.filter(initiative=initiative, user=user).update(emails=False))


def recipients(update: Update):
    """Members and supporters who get the emails: everyone but the author, not unsubscribed."""
    return (
        Membership.objects.filter(initiative_id=update.initiative_id, emails=True)
        .exclude(user_id=update.author_id)
        .filter(user__is_active=True, user__deleted_at__isnull=True)
        .select_related("user")
        .order_by("pk")
    )


@task()
def send_update_emails(*, update_id: int) -> int:
    """Email one update to its initiative's people, in batches; return how many were queued."""
    update = (
        Update.objects.select_related("initiative__index")
        .filter(pk=update_id, hidden_at__isnull=True)
        .first()
    )
    if update is None or not update.initiative.is_public:
        return 0
    initiative = update.initiative
    link = absolute_url(initiative.get_absolute_url())
    sent, last_pk = 0, 0
    while True:
        batch = list(recipients(update).filter(pk__gt=last_pk)[:BATCH])
        if not batch:
            return sent
        for membership in batch:
            person = membership.user
            context = {
                "initiative": initiative,
                "update": update,
                "initiative_url": link,
                "unsubscribe_url": unsubscribe_url(initiative, person),
            }
            done = run_once(
                f"initiative-update:{update.pk}:{person.pk}",
                lambda person=person, context=context: send_user_email(
                    person, "initiatives/email/update", context
                ),
            )
            sent += int(done)
        last_pk = batch[-1].pk
