"""The vote waits for pending appeals unless staff confirm otherwise with a reason."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.models import User
from config.cache_versions import pages_changed
from consultations.models import ConsultationPage
from review.models import Appeal, ReviewSetup
from review.services.common import (
    _check_staff,
    _now,
)


def pending_appeals(consultation_id: int):
    """The consultation's appeals still waiting for a decision."""
    return Appeal.objects.filter(review__proposal__consultation_id=consultation_id, decision="")


def vote_hold(consultation: ConsultationPage) -> str:
    """Why the vote may not open yet (appeals pending and no staff override), or ""."""
    held = (
        pending_appeals(consultation.pk)
        .filter(
            review__proposal__consultation__review_setup__enabled=True,
            review__proposal__consultation__review_setup__vote_override_at__isnull=True,
        )
        .exists()
    )
    if not held:
        return ""
    return _("Voting opens once the appeals against the review are decided.")


def vote_holds(consultations) -> dict[int, str]:
    """vote_hold() of many consultations in one query: {id: sentence} of those held."""
    held = set(
        Appeal.objects.filter(
            decision="",
            review__proposal__consultation__in=[c.pk for c in consultations],
            review__proposal__consultation__review_setup__enabled=True,
            review__proposal__consultation__review_setup__vote_override_at__isnull=True,
        ).values_list("review__proposal__consultation_id", flat=True)
    )
    reason = _("Voting opens once the appeals against the review are decided.")
    return dict.fromkeys(held, reason)


@transaction.atomic
def vote_override(
    *,
    consultation: ConsultationPage,
    reason: str,
    by: User,
    now: datetime.datetime | None = None,
) -> ReviewSetup:
    """Staff confirm that the vote opens although appeals are pending; the reason is logged."""
    _check_staff(by, consultation)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for opening the vote with appeals pending."))
    setup = ReviewSetup.objects.select_for_update().filter(consultation=consultation).first()
    if setup is None:
        raise ValidationError(_("This consultation has no review step."))
    setup.vote_override_reason = reason
    setup.vote_override_by = by
    setup.vote_override_at = _now(now)
    setup.save(update_fields=["vote_override_reason", "vote_override_by", "vote_override_at"])
    log(
        consultation,
        "mam.review.vote_override",
        user=by,
        data={"reason": reason, "pending": pending_appeals(consultation.pk).count()},
    )
    pages_changed(consultation.pk, listings=True)
    return setup
