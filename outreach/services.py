"""Newsletters: who gets them, sending in batches through the worker, unsubscribing.

`newsletter_send` queues the first batch; each batch emails up to MAM_NEWSLETTER_BATCH people
(ordered by id, after the last one of the batch before) and queues the next one
MAM_NEWSLETTER_BATCH_SECONDS later. Every email is sent in the transaction that writes its
`Delivery` row (unique per newsletter and person), so a batch run again after its worker died
skips everyone it reached: nobody gets a newsletter twice.
"""

from __future__ import annotations

import base64
import binascii
import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from accounts.models import User
from home.links import absolute_url, page_absolute_url, site_url
from jobs.services import enqueue_in_transaction
from outreach.models import ConsultationFollow, Delivery, Newsletter, OptOut
from proposals.models import Follow

UNSUBSCRIBE_SALT = "outreach.unsubscribe"


def recipients(newsletter: Newsletter) -> QuerySet:
    """People who chose to hear about the consultation or initiative, with a confirmed address.

    A consultation's followers are those who follow it, or one of its proposals (authors
    follow their own); an initiative's are its members and supporters who get its emails. Anyone
    who unsubscribed from this consultation's or initiative's newsletters is left out.
    """
    people = User.objects.filter(
        is_active=True,
        deleted_at__isnull=True,
        emailaddress__verified=True,
        emailaddress__email__iexact=F("email"),
    ).exclude(email="")
    if newsletter.consultation_id:
        consultation_id = newsletter.consultation_id
        people = people.filter(
            Q(
                pk__in=ConsultationFollow.objects.filter(consultation_id=consultation_id).values(
                    "user_id"
                )
            )
            | Q(
                pk__in=Follow.objects.filter(proposal__consultation_id=consultation_id).values(
                    "user_id"
                )
            )
        )
        opted_out = OptOut.objects.filter(consultation_id=newsletter.consultation_id)
    else:
        people = people.filter(
            initiative_memberships__initiative_id=newsletter.initiative_id,
            initiative_memberships__emails=True,
        )
        opted_out = OptOut.objects.filter(initiative_id=newsletter.initiative_id)
    return people.exclude(pk__in=opted_out.values("user_id")).distinct().order_by("pk")


def unsubscribe_token(newsletter: Newsletter, user) -> str:
    """A signed token naming the person and the newsletter's consultation or initiative."""
    data = {"u": user.pk, "c": newsletter.consultation_id, "i": newsletter.initiative_id}
    token = signing.dumps(data, salt=UNSUBSCRIBE_SALT)
    return base64.urlsafe_b64encode(token.encode()).decode().rstrip("=")


def unsubscribe_unsign(token: str) -> dict | None:
    """{"u": user id, "c": consultation id or None, "i": initiative id or None}, or None."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        data = signing.loads(raw, salt=UNSUBSCRIBE_SALT)
        found = {"u": int(data["u"]), "c": data.get("c"), "i": data.get("i")}
    except (signing.BadSignature, KeyError, TypeError, ValueError, binascii.Error):
        return None
    if (found["c"] is None) == (found["i"] is None):
        return None
    return found


def unsubscribe_url(newsletter: Newsletter, user) -> str:
    token = unsubscribe_token(newsletter, user)
    return absolute_url(reverse("outreach:unsubscribe", kwargs={"token": token}))


@transaction.atomic
def opt_out(*, user, consultation_id: int | None, initiative_id: int | None) -> OptOut:
    """Stop the newsletters of one consultation or initiative to `user` (twice is once); they
    no longer follow that consultation."""
    if consultation_id is not None:
        ConsultationFollow.objects.filter(user=user, consultation_id=consultation_id).delete()
    found, _created = OptOut.objects.get_or_create(
        user=user, consultation_id=consultation_id, initiative_id=initiative_id
    )
    return found


def consultation_follow(*, consultation, user) -> ConsultationFollow:
    """Follow a consultation: its newsletters reach `user` again (twice is once)."""
    with transaction.atomic():
        OptOut.objects.filter(user=user, consultation_id=consultation.pk).delete()
        try:
            with transaction.atomic():
                return ConsultationFollow.objects.get_or_create(
                    consultation_id=consultation.pk, user=user
                )[0]
        except IntegrityError:
            return ConsultationFollow.objects.get(consultation_id=consultation.pk, user=user)


def consultation_unfollow(*, consultation, user) -> bool:
    """Stop following a consultation (its proposals followed stay followed)."""
    deleted, _rows = ConsultationFollow.objects.filter(
        consultation_id=consultation.pk, user=user
    ).delete()
    return bool(deleted)


def consultation_follows_erase(user) -> None:
    """Forget which consultations a deleted account followed."""
    ConsultationFollow.objects.filter(user=user).delete()


def audience_url(newsletter: Newsletter) -> str:
    if newsletter.consultation_id:
        return page_absolute_url(newsletter.consultation)
    return absolute_url(newsletter.initiative.get_absolute_url())


def message(newsletter: Newsletter, user) -> EmailMultiAlternatives:
    """The newsletter as an email to `user`: plain text and HTML, with a one-click unsubscribe."""
    unsubscribe = unsubscribe_url(newsletter, user)
    context = {
        "newsletter": newsletter,
        "user": user,
        "site_url": site_url(),
        "audience": newsletter.audience,
        "audience_url": audience_url(newsletter),
        "unsubscribe_url": unsubscribe,
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("outreach/email/newsletter.txt", context)
        html = render_to_string("outreach/email/newsletter.html", context)
    email = EmailMultiAlternatives(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + newsletter.subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    email.attach_alternative(html, "text/html")
    return email


@transaction.atomic
def newsletter_send_test(*, newsletter: Newsletter, user) -> None:
    """Queue the newsletter to its editor only, to see it as residents will (the worker sends
    it: the mail server's delays never hold up the admin)."""
    if not user.email:
        raise ValidationError(_("Your account has no email address."))
    enqueue_in_transaction(send_newsletter_test, newsletter_id=newsletter.pk, user_id=user.pk)


@task()
def send_newsletter_test(*, newsletter_id: int, user_id: int) -> bool:
    """Email the test of a newsletter to the editor who asked for it; False when either is gone."""
    newsletter = (
        Newsletter.objects.select_related("consultation", "initiative__index")
        .filter(pk=newsletter_id)
        .first()
    )
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if newsletter is None or user is None:
        return False
    message(newsletter, user).send()
    return True


def _next_batch(newsletter_id: int, after: int, now: datetime.datetime) -> None:
    batch_task = send_newsletter_batch
    if batch_task.get_backend().supports_defer:
        seconds = getattr(settings, "MAM_NEWSLETTER_BATCH_SECONDS", 60)
        batch_task = batch_task.using(run_after=now + datetime.timedelta(seconds=seconds))
    enqueue_in_transaction(batch_task, newsletter_id=newsletter_id, after=after)


@transaction.atomic
def newsletter_send(
    *, newsletter: Newsletter, user, now: datetime.datetime | None = None
) -> Newsletter:
    """Start sending a draft: count its recipients and queue the first batch."""
    now = now or timezone.now()
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if newsletter.state != Newsletter.State.DRAFT:
        raise ValidationError(_("This newsletter has already been sent."))
    newsletter.state = Newsletter.State.SENDING
    newsletter.queued_by = user
    newsletter.queued_at = now
    newsletter.recipients_count = recipients(newsletter).count()
    newsletter.save()
    log(
        newsletter,
        "mam.newsletter.send_started",
        user=user,
        timestamp=now,
        data={"recipients": newsletter.recipients_count},
    )
    _next_batch(newsletter.pk, 0, now)
    return newsletter


def _deliver(newsletter: Newsletter, person, now: datetime.datetime) -> bool:
    """Email one person unless their delivery row exists; the row commits with the send."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Delivery.objects.create(newsletter=newsletter, user=person, sent_at=now)
        except IntegrityError:
            return False
        message(newsletter, person).send()
    return True


@task()
def send_newsletter_batch(*, newsletter_id: int, after: int = 0) -> int:
    """Email one batch of a newsletter's recipients; queue the next or finish. Return sent."""
    newsletter = (
        Newsletter.objects.select_related("consultation", "initiative__index")
        .filter(pk=newsletter_id, state=Newsletter.State.SENDING)
        .first()
    )
    if newsletter is None:
        return 0
    size = getattr(settings, "MAM_NEWSLETTER_BATCH", 100)
    batch = list(recipients(newsletter).filter(pk__gt=after)[:size])
    now = timezone.now()
    sent = sum(_deliver(newsletter, person, now) for person in batch)
    with transaction.atomic():
        done = Delivery.objects.filter(newsletter=newsletter).count()
        changes = {"sent_count": done}
        if len(batch) < size:
            changes.update(state=Newsletter.State.SENT, sent_at=now)
            data = {"sent": done, "recipients": newsletter.recipients_count}
            log(newsletter, "mam.newsletter.send_finished", timestamp=now, data=data)
        else:
            _next_batch(newsletter.pk, batch[-1].pk, now)
        Newsletter.objects.filter(pk=newsletter.pk).update(**changes)
    return sent
