"""What the review's services share: the officials' permission, the clock, deadlines."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from consultations.models import ConsultationPage
from proposals.models import Proposal
from review.deadlines import deadline
from review.models import ReviewSetup

STAFF_PERMISSION = "proposals.change_proposal"
Status = Proposal.Status


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _check_staff(user: User, consultation: ConsultationPage) -> None:
    if not roles.is_staff_for_consultation(user, STAFF_PERMISSION, consultation):
        raise ValidationError(_("Only officials of this centre can review its projects."))


def appeal_deadline(decided_at: datetime.datetime, setup: ReviewSetup) -> datetime.date:
    """The last Warsaw day on which an appeal may be filed, counted as the rules say."""
    return deadline(
        timezone.localdate(decided_at), setup.appeal_days, working_days=setup.counts_working_days
    )


def decision_deadline(filed_at: datetime.datetime, setup: ReviewSetup) -> datetime.date:
    """The last Warsaw day on which the appeal body should decide, counted as the rules say."""
    return deadline(
        timezone.localdate(filed_at), setup.decision_days, working_days=setup.counts_working_days
    )
