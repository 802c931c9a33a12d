"""Changing an implementation record: milestones, money, status and photos, one dated public
timeline entry per change, and the project's public status following its record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.models import User
from casework.models import Department
from config.cache_versions import pages_changed
from implementation.models import NEEDS_REASON, Implementation, Milestone, Photo, Status
from implementation.models import TimelineEntry as Entry
from implementation.services.notifications import notify_change
from implementation.services.opening import (
    UNDER_WAY,
    ProposalStatus,
    _check_department,
    _check_staff,
)
from jobs.services import enqueue_in_transaction
from proposals.services.status import TRANSITIONS, status_change


@dataclass
class MilestoneChange:
    """A milestone as the official left it; `milestone` None adds a new one."""

    milestone: Milestone | None
    name: str
    planned_on: datetime.date | None
    done_on: datetime.date | None


def _money(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return _("%(amount)s zł") % {"amount": number_format(value, 2, force_grouping=True)}


def _day(value: datetime.date | None) -> str:
    return date_format(value, "j E Y") if value else "—"


def _milestone_lines(record: Implementation, changes: list[MilestoneChange]) -> list[str]:
    lines = []
    existing = {m.pk: m for m in record.milestones.all()}
    for position, change in enumerate(changes):
        name = change.name.strip()
        if change.milestone is None:
            if not name:
                continue
            Milestone.objects.create(
                implementation=record,
                name=name,
                planned_on=change.planned_on,
                done_on=change.done_on,
                position=len(existing) + position,
            )
            lines.append(_("New milestone: %(name)s.") % {"name": name})
            continue
        milestone = existing.get(change.milestone.pk)
        if milestone is None:
            raise ValidationError(_("This milestone belongs to another project."))
        if not name:
            raise ValidationError(_("Every milestone needs a name."))
        said = []
        if name != milestone.name:
            said.append(_("renamed from “%(old)s”") % {"old": milestone.name})
        if change.planned_on != milestone.planned_on:
            said.append(_("planned for %(day)s") % {"day": _day(change.planned_on)})
        if change.done_on != milestone.done_on:
            said.append(_("done on %(day)s") % {"day": _day(change.done_on)})
        if said:
            milestone.name = name
            milestone.planned_on = change.planned_on
            milestone.done_on = change.done_on
            milestone.save(update_fields=["name", "planned_on", "done_on"])
            lines.append(
                _("Milestone “%(name)s”: %(what)s.") % {"name": name, "what": ", ".join(said)}
            )
    return lines


def _check_values(
    *,
    status: str,
    reason: str,
    percent_done: int,
    money_planned: Decimal | None,
    money_spent: Decimal,
) -> None:
    """Refuse an unknown status, a delay without its reason, and impossible numbers."""
    if status not in Status.values:
        raise ValidationError(_("Choose a status from the list."))
    if status in NEEDS_REASON and not reason:
        raise ValidationError(_("Say why the project is delayed or abandoned: residents read it."))
    if not 0 <= percent_done <= 100:
        raise ValidationError(_("Percent done is a number from 0 to 100."))
    if money_spent < 0 or (money_planned is not None and money_planned < 0):
        raise ValidationError(_("An amount of money cannot be negative."))


def _field_lines(
    record: Implementation,
    *,
    status: str,
    reason: str,
    percent_done: int,
    money_planned: Decimal | None,
    money_spent: Decimal,
    department: Department | None,
) -> list[str]:
    """One timeline line per field whose new value differs from the record's."""
    lines = []
    if status != record.status:
        lines.append(_("Status: %(status)s.") % {"status": Status(status).label})
    if reason and reason != record.reason:
        lines.append(_("Reason: %(reason)s") % {"reason": reason})
    if percent_done != record.percent_done:
        lines.append(_("Done: %(percent)d%%.") % {"percent": percent_done})
    if money_planned != record.money_planned:
        lines.append(_("Money planned: %(amount)s.") % {"amount": _money(money_planned)})
    if money_spent != record.money_spent:
        lines.append(_("Money spent: %(amount)s.") % {"amount": _money(money_spent)})
    if (department.pk if department else None) != record.department_id:
        lines.append(
            _("Department responsible: %(name)s.")
            % {"name": department.name if department else "—"}
        )
    return lines


def _add_photos(
    record: Implementation, photos: list[tuple[str, File, str]], *, now: datetime.datetime
) -> list[str]:
    """Save the new photos; return a timeline line for each."""
    lines = []
    for kind, image, alt_text in photos:
        Photo.objects.create(
            implementation=record, kind=kind, image=image, alt_text=alt_text.strip(), created_at=now
        )
        lines.append(
            _("New photo (%(kind)s): %(alt)s.") % {"kind": Photo.Kind(kind).label, "alt": alt_text}
        )
    return lines


def _timeline_entry(
    record: Implementation, *, lines: list[str], note: str, by: User, now: datetime.datetime
) -> Entry:
    """The public timeline entry for the record just saved, with its new status and progress."""
    return Entry.objects.create(
        implementation=record,
        text="\n".join(lines),
        note=note,
        status=record.status,
        percent_done=record.percent_done,
        changed_by=by,
        created_at=now,
    )


def _locked_record(record: Implementation) -> Implementation:
    """Lock the record's row and return it fresh, with its proposal and department."""
    return (
        # Only the record's row: PostgreSQL locks no nullable side of an outer join.
        Implementation.objects.select_for_update(of=("self",))
        .select_related("proposal__consultation", "department")
        .get(pk=record.pk)
    )


@transaction.atomic
def implementation_update(
    *,
    record: Implementation,
    by: User,
    status: str,
    reason: str = "",
    percent_done: int,
    money_planned: Decimal | None,
    money_spent: Decimal,
    department: Department | None,
    milestones: list[MilestoneChange] | None = None,
    photos: list[tuple[str, File, str]] | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Entry:
    """Change the record; one public timeline entry says what changed, and one email per
    change goes to the author and the followers."""
    now = now or timezone.now()
    record = _locked_record(record)
    consultation = record.proposal.consultation
    _check_staff(by, consultation)
    reason, note = reason.strip(), note.strip()
    _check_values(
        status=status,
        reason=reason,
        percent_done=percent_done,
        money_planned=money_planned,
        money_spent=money_spent,
    )
    if status not in NEEDS_REASON:
        reason = ""
    _check_department(department, consultation)

    lines = _field_lines(
        record,
        status=status,
        reason=reason,
        percent_done=percent_done,
        money_planned=money_planned,
        money_spent=money_spent,
        department=department,
    )
    lines += _milestone_lines(record, milestones or [])
    lines += _add_photos(record, photos or [], now=now)
    if not lines and not note:
        raise ValidationError(_("Nothing was changed."))

    previous = record.status
    record.status, record.reason, record.percent_done = status, reason, percent_done
    record.money_planned, record.money_spent = money_planned, money_spent
    record.department, record.updated_at = department, now
    record.save()
    entry = _timeline_entry(record, lines=lines, note=note, by=by, now=now)
    proposal_follow(record=record, previous=previous, by=by, now=now)
    pages_changed(consultation.pk)
    enqueue_in_transaction(notify_change, entry_id=entry.pk)
    return entry


def proposal_follow(
    *, record: Implementation, previous: str, by: User, now: datetime.datetime
) -> None:
    """Move the project's public status after its record, through the proposals' status
    service (its history and emails): work under way makes it "in progress", a record
    done makes it "implemented", and a done record reopened takes it back to "in progress"."""
    proposal = record.proposal
    if record.status == Status.DONE:
        wanted = ProposalStatus.IMPLEMENTED
    elif previous == Status.DONE or record.status in UNDER_WAY:
        wanted = ProposalStatus.IN_PROGRESS
    else:
        return
    if proposal.status == wanted or wanted not in TRANSITIONS.get(proposal.status, set()):
        return
    if wanted == ProposalStatus.IMPLEMENTED:
        answer = _("The project is done: its implementation record says what was built.")
    elif previous == Status.DONE:
        answer = _("The project's implementation record is open again: the work is not finished.")
    else:
        answer = _("The project is being carried out: its implementation record shows how far.")
    # The record's own email (notify_change) tells the author and the followers already.
    status_change(proposal=proposal, status=wanted, answer=answer, by=by, notify=False, now=now)
