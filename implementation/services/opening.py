"""Opening implementation records: only funded projects get one, for officials of the
project's centre; a result's selected projects get theirs in one go."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from accounts.models import User
from casework.models import Assignment, Department
from config.cache_versions import pages_changed
from consultations.models import ConsultationPage
from implementation.models import Implementation, Milestone, Status
from implementation.models import TimelineEntry as Entry
from implementation.selectors import FUNDED
from proposals.models import Proposal
from voting.models import ResultSnapshot

STAFF_PERMISSION = "proposals.change_proposal"
ProposalStatus = Proposal.Status
# Record statuses that mean the work is under way (the project is "in progress").
UNDER_WAY = (Status.IN_PROGRESS, Status.DELAYED)
STANDARD_MILESTONES = [
    Milestone.Kind.DESIGN,
    Milestone.Kind.PERMITS,
    Milestone.Kind.TENDER,
    Milestone.Kind.WORKS,
    Milestone.Kind.HANDOVER,
]


def _check_staff(user: User, consultation: ConsultationPage) -> None:
    if not roles.is_staff_for_consultation(user, STAFF_PERMISSION, consultation):
        raise ValidationError(_("Only officials of this centre can change its projects' records."))


def has_published_result(consultation_id: int) -> bool:
    return ResultSnapshot.objects.filter(
        consultation_id=consultation_id, published_at__isnull=False
    ).exists()


def is_funded(proposal: Proposal) -> bool:
    """Selected in the consultation's vote, and the result is published."""
    return proposal.status in FUNDED and has_published_result(proposal.consultation_id)


def _check_department(department: Department | None, consultation: ConsultationPage) -> None:
    if department is None:
        return
    centre = consultation.centre
    if centre is None or department.centre_id != centre.pk:
        raise ValidationError(_("Choose a department of this centre's town."))


def _record_open(
    *,
    proposal: Proposal,
    by: User | None,
    department: Department | None,
    text: str,
    now: datetime.datetime,
) -> Implementation | None:
    """Open the record with the standard milestones, or None when the project has one.

    The proposal's row is locked first, so the official's button and the result's
    publication opening records at the same moment make one record, not an error."""
    Proposal.objects.select_for_update().filter(pk=proposal.pk).first()
    if Implementation.objects.filter(proposal=proposal).exists():
        return None
    record = Implementation.objects.create(
        proposal=proposal,
        department=department,
        money_planned=proposal.official_cost or proposal.estimated_cost,
        created_at=now,
        updated_at=now,
    )
    Milestone.objects.bulk_create(
        Milestone(implementation=record, kind=kind, name=str(kind.label).capitalize(), position=i)
        for i, kind in enumerate(STANDARD_MILESTONES)
    )
    Entry.objects.create(
        implementation=record,
        text=text,
        status=record.status,
        percent_done=0,
        changed_by=by,
        created_at=now,
    )
    return record


@transaction.atomic
def implementation_create(
    *,
    proposal: Proposal,
    by: User,
    department: Department | None = None,
    now: datetime.datetime | None = None,
) -> Implementation:
    """Open the record of a funded project with the standard milestones."""
    now = now or timezone.now()
    consultation = proposal.consultation
    _check_staff(by, consultation)
    if not is_funded(proposal):
        raise ValidationError(_("Only projects funded in a published vote get a record."))
    _check_department(department, consultation)
    record = _record_open(
        proposal=proposal,
        by=by,
        department=department,
        text=_("The project's implementation record is open."),
        now=now,
    )
    if record is None:
        raise ValidationError(_("This project already has a record."))
    pages_changed(consultation.pk)
    return record


def known_department(proposal: Proposal) -> Department | None:
    """The department the proposal itself was last assigned to as a case, if any."""
    case = (
        Assignment.objects.filter(
            proposal=proposal,
            target_type__isnull=True,
            department__isnull=False,
            department__active=True,
        )
        .select_related("department")
        .order_by("-created_at", "-pk")
        .first()
    )
    return case.department if case else None


@transaction.atomic
def records_open_for_result(
    *,
    consultation: ConsultationPage,
    result: ResultSnapshot,
    now: datetime.datetime | None = None,
) -> int:
    """Open a record for every project the published result funds that has none; the count.

    Called when a result is published (the `mam_results_published` hook): records already
    open (an official's, or an earlier call's) are kept, so calling it again opens nothing.
    The department is the one the project was assigned to as a case, when there is one."""
    if result.published_at is None:
        return 0
    now = now or result.published_at
    proposals = Proposal.objects.filter(
        consultation=consultation, status__in=FUNDED, implementation__isnull=True
    ).order_by("pk")
    count = 0
    for proposal in proposals:
        opened = _record_open(
            proposal=proposal,
            by=None,
            department=known_department(proposal),
            text=_(
                "The project is funded in the published vote: its implementation record is open."
            ),
            now=now,
        )
        count += opened is not None
    if count:
        pages_changed(consultation.pk)
    return count


def records_create_for(
    *, consultation: ConsultationPage, by: User, now: datetime.datetime | None = None
) -> int:
    """Open a record for every funded project of the consultation that has none; the count.

    Records open by themselves when the result is published; this is the officials' way to
    catch up on results published before that (or a publication whose hook failed)."""
    _check_staff(by, consultation)
    if not has_published_result(consultation.pk):
        raise ValidationError(_("The vote's result is not published yet."))
    proposals = Proposal.objects.filter(
        consultation=consultation, status__in=FUNDED, implementation__isnull=True
    ).order_by("pk")
    count = 0
    for proposal in proposals:
        proposal.consultation = consultation
        implementation_create(proposal=proposal, by=by, now=now)
        count += 1
    return count
