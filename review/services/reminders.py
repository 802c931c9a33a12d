"""The daily digest of appeals due or overdue, to the appeal body's members."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.notifications import send_user_email
from home.links import absolute_url
from jobs.services import run_once
from review.models import Appeal
from review.services.appeals import _appeal_deciders
from review.services.common import _now


def appeal_reminder_days() -> int:
    return getattr(settings, "MAM_APPEAL_REMINDER_DAYS", 3)


def appeals_due(today: datetime.date):
    """Appeals waiting for a decision due within the reminder days, or already overdue."""
    soon = today + datetime.timedelta(days=appeal_reminder_days())
    return (
        Appeal.objects.filter(decision="", decide_by__lte=soon)
        .select_related("review__proposal__consultation")
        .order_by("decide_by", "pk")
    )


def appeal_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email each official who may decide appeals one digest of the appeals due within
    MAM_APPEAL_REMINDER_DAYS or overdue; returns how many digests were sent.

    An appeal is in an official's digest once a day, under a done-mark per appeal, official
    and day (jobs.services.run_once): running it hourly sends nothing twice the same day.
    """
    today = timezone.localdate(_now(now))
    deciders: dict[int, list[User]] = {}
    digests: dict[int, tuple[User, list[Appeal]]] = {}
    for appeal in appeals_due(today):
        consultation = appeal.review.proposal.consultation
        if consultation.pk not in deciders:
            deciders[consultation.pk] = _appeal_deciders(consultation)
        for user in deciders[consultation.pk]:
            digests.setdefault(user.pk, (user, []))[1].append(appeal)
    sent = 0
    for user, appeals in digests.values():
        with transaction.atomic():
            fresh = [
                appeal
                for appeal in appeals
                if run_once(f"review:appeal-due:{appeal.pk}:{today.isoformat()}:{user.pk}", _noop)
            ]
            if fresh:
                _appeals_digest(user, fresh, today)
                sent += 1
    return sent


def _noop() -> None:
    """The work of a done-mark that only records that an appeal was put in a digest."""


def _appeals_digest(user: User, appeals: list[Appeal], today: datetime.date) -> None:
    send_user_email(
        user,
        "review/email/appeals_due",
        {
            "appeals": [
                {
                    "appeal": appeal,
                    "proposal": appeal.review.proposal,
                    "consultation": appeal.review.proposal.consultation,
                    "overdue": appeal.is_overdue(today),
                    "url": absolute_url(reverse("mam_reviews:appeal", args=[appeal.review_id])),
                }
                for appeal in appeals
            ],
            "overdue": sum(appeal.is_overdue(today) for appeal in appeals),
        },
    )
