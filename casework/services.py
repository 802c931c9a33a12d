"""Officials' case work: assignments, reminders, internal notes, answer templates."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts import roles
from accounts.models import User
from accounts.notifications import deliver_email, send_user_email
from casework import selectors
from casework.models import AnswerTemplate, Assignment, Department, InternalNote
from home.links import absolute_url, site_url
from jobs.services import run_once
from proposals.models import Proposal

OFFICIALS = "proposals.change_proposal"
STAFF = "proposals.view_proposal"


def _centre_of(proposal: Proposal):
    return proposal.consultation.centre


def _check_official(user: User, centre) -> None:
    if not roles.is_staff_for(user, OFFICIALS, centre):
        raise ValidationError(_("Only officials of this centre can handle its cases."))


def _check_assignee(*, centre, department: Department | None, person: User | None) -> None:
    if department is None and person is None:
        raise ValidationError(_("Choose a department or a person."))
    if department is not None and (department.centre_id != centre.pk or not department.active):
        raise ValidationError(_("Choose an active department of this centre."))
    if person is not None and not (
        (department is not None and department.members.filter(pk=person.pk).exists())
        or roles.is_staff_for(person, STAFF, centre)
    ):
        raise ValidationError(_("The person must work in this centre."))


def _check_target(proposal: Proposal, target: models.Model | None) -> None:
    """A case's subject must be a part of its own proposal: one of `case_targets(proposal)`
    (its forwarded questions, its review, a criterion of its review, its appeal)."""
    if target is None:
        return
    key = (ContentType.objects.get_for_model(target).pk, target.pk)
    if target.pk is None or key not in selectors.target_labels(selectors.case_targets(proposal)):
        raise ValidationError(
            _(
                "A case can only be about this proposal or a part of its handling "
                "(its review, a criterion of its review, its appeal, a question forwarded "
                "about it)."
            )
        )


def _check_due(due_date: datetime.date, now: datetime.datetime) -> None:
    if due_date < timezone.localdate(now):
        raise ValidationError(_("The due date cannot be in the past."))


@transaction.atomic
def assignment_create(
    *,
    proposal: Proposal,
    by: User,
    due_date: datetime.date,
    department: Department | None = None,
    person: User | None = None,
    note: str = "",
    target: models.Model | None = None,
    now: datetime.datetime | None = None,
) -> Assignment:
    """Give a proposal (or its review, appeal or forwarded question: `target`) to a department
    or a person of its centre, due by `due_date`."""
    now = now or timezone.now()
    centre = _centre_of(proposal)
    _check_official(by, centre)
    _check_assignee(centre=centre, department=department, person=person)
    _check_target(proposal, target)
    _check_due(due_date, now)
    assignment = Assignment.objects.create(
        centre=centre,
        proposal=proposal,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        department=department,
        person=person,
        due_date=due_date,
        note=note.strip(),
        created_by=by,
        created_at=now,
    )
    log(proposal, "mam.casework.assign", user=by, data=_log_data(assignment))
    return assignment


@transaction.atomic
def assignment_reassign(
    *,
    assignment: Assignment,
    by: User,
    due_date: datetime.date,
    department: Department | None = None,
    person: User | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Assignment:
    """Hand an open case to another department or person, or move its due date."""
    now = now or timezone.now()
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _check_official(by, assignment.centre)
    if assignment.is_done:
        raise ValidationError(_("This case is already done."))
    _check_assignee(centre=assignment.centre, department=department, person=person)
    if due_date != assignment.due_date:
        _check_due(due_date, now)
    assignment.department, assignment.person = department, person
    assignment.due_date, assignment.note = due_date, note.strip()
    assignment.save(update_fields=["department", "person", "due_date", "note"])
    log(assignment.proposal, "mam.casework.reassign", user=by, data=_log_data(assignment))
    return assignment


@transaction.atomic
def assignment_done(
    *, assignment: Assignment, by: User, now: datetime.datetime | None = None
) -> Assignment:
    """Mark a case done; it leaves the lists of open and overdue cases."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    _check_official(by, assignment.centre)
    if assignment.is_done:
        raise ValidationError(_("This case is already done."))
    assignment.done_at, assignment.done_by = now or timezone.now(), by
    assignment.save(update_fields=["done_at", "done_by"])
    log(assignment.proposal, "mam.casework.done", user=by, data={"case": assignment.pk})
    return assignment


def _log_data(assignment: Assignment) -> dict:
    return {
        "case": assignment.pk,
        "department": assignment.department_id,
        "person": assignment.person_id,
        "due": assignment.due_date.isoformat(),
    }


# Internal notes -----------------------------------------------------------------------------


@transaction.atomic
def note_add(
    *, proposal: Proposal, by: User, text: str, now: datetime.datetime | None = None
) -> InternalNote:
    """Write an internal note on a proposal, for the centre's staff only."""
    if not roles.is_staff_for(by, STAFF, _centre_of(proposal)):
        raise ValidationError(_("Only staff of this centre can write internal notes."))
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note."))
    note = InternalNote.objects.create(
        proposal=proposal, author=by, text=text, created_at=now or timezone.now()
    )
    log(proposal, "mam.casework.note", user=by, data={"note": note.pk})
    return note


def is_administrator(user: User) -> bool:
    """Superusers and the administrators' group: the only ones who may export notes."""
    return bool(
        user.is_active
        and (user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists())
    )


def notes_export_log(*, by: User, count: int) -> None:
    """Record that an administrator downloaded proposals with their internal notes."""
    log(by, "mam.casework.notes_export", user=by, data={"proposals": count})


# Answer templates ---------------------------------------------------------------------------


def template_fill(*, template: AnswerTemplate, proposal: Proposal) -> str:
    """The template's text with the proposal's title, author, consultation and address."""
    author = proposal.author.public_name if proposal.author_id else _("the author")
    values = {
        "{tytuł}": proposal.title,
        "{autor}": author,
        "{konsultacja}": proposal.consultation.title,
        "{adres}": proposal.place,
    }
    text = template.text
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


# Reminders ----------------------------------------------------------------------------------


def reminder_days() -> int:
    return getattr(settings, "MAM_CASE_REMINDER_DAYS", 3)


def _due_reminders(today: datetime.date):
    """(assignment, kind) for every open case due today ("due") or within the reminder days."""
    soon = today + datetime.timedelta(days=reminder_days())
    cases = (
        Assignment.objects.open()
        .filter(due_date__gte=today, due_date__lte=soon)
        .select_related("proposal__consultation", "department", "person")
        .prefetch_related("department__members")
        .order_by("pk")
    )
    for case in cases:
        yield case, "due" if case.due_date == today else "before"


def _recipients(case: Assignment) -> tuple[list[User], list[str]]:
    """The person, or the department's active members and its shared address."""
    if case.person_id:
        return ([case.person] if case.person.is_active else []), []
    members = [user for user in case.department.members.all() if user.is_active]
    return members, [case.department.email] if case.department.email else []


def _email_address(address: str, template_prefix: str, context: dict) -> None:
    context = {"site_url": site_url(), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
    deliver_email.enqueue(
        to=address, subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body
    )


def _remind(case: Assignment, kind: str) -> None:
    users, addresses = _recipients(case)
    context = {
        "case": case,
        "proposal": case.proposal,
        "kind": kind,
        "case_url": absolute_url(reverse("mam_cases:file", args=[case.proposal_id])),
    }
    for user in users:
        send_user_email(user, "casework/email/reminder", context)
    for address in addresses:
        _email_address(address, "casework/email/reminder", context)


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email each reminder that is due; returns how many were sent.

    Each case gets one reminder in the days before its due date and one on the day, under a
    done-mark per case, kind, due date and assignee (jobs.services.run_once): running it
    often sends nothing twice, and a case reassigned or moved to a new date is reminded anew.
    """
    today = timezone.localdate(now or timezone.now())
    sent = 0
    for case, kind in _due_reminders(today):
        holder = f"p{case.person_id}" if case.person_id else f"d{case.department_id}"
        key = f"casework:reminder:{case.pk}:{kind}:{case.due_date.isoformat()}:{holder}"
        sent += run_once(key, lambda case=case, kind=kind: _remind(case, kind))
    return sent
