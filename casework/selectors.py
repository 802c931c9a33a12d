"""Reads of case work shared by the admin screens, the dashboard panel and the proposals admin."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import GroupPagePermission

from casework.models import Assignment, InternalNote
from home.scope import rows_under
from proposals.models import Proposal, StatusChange

STAFF = "proposals.view_proposal"


def within_centres(centres) -> Q:
    """Proposals whose consultation lies under one of `centres`."""
    return rows_under(centres, "consultation__")


def centre_staff(centre) -> QuerySet:
    """Active people of the groups that see `centre`'s proposals: who a case can go to."""
    app_label, codename = STAFF.split(".")
    ancestors = [
        centre.path[:n] for n in range(centre.steplen, len(centre.path) + 1, centre.steplen)
    ]
    groups = GroupPagePermission.objects.filter(
        page__path__in=ancestors,
        group__permissions__content_type__app_label=app_label,
        group__permissions__codename=codename,
    ).values("group")
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .distinct()
        .order_by("display_name", "email")
    )


def overdue_cases(centres, today: datetime.date) -> list[Assignment]:
    """Open cases of `centres` past their due date, oldest first."""
    return list(
        Assignment.objects.overdue(today)
        .filter(centre__in=centres)
        .select_related("proposal", "department", "person")
        .order_by("due_date", "pk")
    )


def overdue_forwardings(centres, today: datetime.date) -> list[Proposal]:
    """Proposals forwarded to an outside body that did not answer by its promised date."""
    return list(
        Proposal.objects.filter(
            within_centres(centres), answer_due__lt=today, answer_due__isnull=False
        )
        .exclude(forwarded_to="")
        .select_related("consultation")
        .order_by("answer_due", "pk")
    )


def my_counts(user, centres, today: datetime.date) -> dict[str, int]:
    """The numbers on the dashboard: my open cases, mine overdue, all overdue in my centres."""
    mine = Assignment.objects.open().filter(centre__in=centres).of_person(user)
    return {
        "mine": mine.count(),
        "mine_overdue": mine.filter(due_date__lt=today).count(),
        "overdue": Assignment.objects.overdue(today).filter(centre__in=centres).count()
        + Proposal.objects.filter(within_centres(centres), answer_due__lt=today)
        .exclude(forwarded_to="")
        .count(),
    }


def notes_of(proposal: Proposal) -> list[InternalNote]:
    return list(proposal.internal_notes.select_related("author").order_by("created_at", "pk"))


def cases_of(proposal: Proposal) -> list[Assignment]:
    return list(
        proposal.assignments.select_related("department", "person").order_by("-created_at", "-pk")
    )


def notes_by_proposal(proposal_ids) -> dict[int, str]:
    """Every internal note of the proposals, joined per proposal (the administrators' export)."""
    joined: dict[int, list[str]] = {}
    notes = InternalNote.objects.filter(proposal_id__in=proposal_ids).select_related("author")
    for note in notes.order_by("proposal_id", "created_at", "pk"):
        author = note.author.public_name if note.author_id else ""
        stamp = note.created_at.date().isoformat()
        joined.setdefault(note.proposal_id, []).append(f"[{stamp} {author}] {note.text}")
    return {pk: "\n".join(texts) for pk, texts in joined.items()}


def case_targets(proposal: Proposal) -> list[tuple[str, str, Model]]:
    """What of the proposal a case can be about besides the proposal itself, as (key, label,
    object): its questions forwarded to outside bodies, and what apps above casework add
    through the `mam_case_targets` hook (a function of the proposal returning such triples:
    the review, its criteria, the appeal)."""
    found = []
    forwardings = proposal.status_changes.exclude(forwarded_to="").order_by("created_at", "pk")
    for change in forwardings:
        found.append((f"forward-{change.pk}", _forwarding_label(change), change))
    for hook in hooks.get_hooks("mam_case_targets"):
        found += hook(proposal)
    return found


def _forwarding_label(change: StatusChange) -> str:
    label = _("Question forwarded to %(body)s") % {"body": change.forwarded_to}
    if change.answer_due:
        label += " " + _("(answer due %(day)s)") % {"day": date_format(change.answer_due, "j E Y")}
    return label


def subjects(cases: list[Assignment]) -> dict[int, str]:
    """What each case is about in words, by case id: the proposal's title, and the part of
    its handling when the case points at one. One query per kind of part on the page (the
    forwarded questions here; the review's parts through the `mam_case_target_labels` hook,
    a function of {content type id: set of ids} returning labels by (content type id, id)),
    however many cases there are."""
    wanted: dict[int, set[int]] = {}
    for case in cases:
        if case.target_type_id:
            wanted.setdefault(case.target_type_id, set()).add(case.target_id)
    labels: dict[tuple[int, int], str] = {}
    forwarding_type = ContentType.objects.get_for_model(StatusChange).pk
    if wanted.get(forwarding_type):
        for change in StatusChange.objects.filter(pk__in=wanted[forwarding_type]):
            labels[(forwarding_type, change.pk)] = _forwarding_label(change)
    for hook in hooks.get_hooks("mam_case_target_labels"):
        labels.update(hook(wanted))
    found = {}
    for case in cases:
        title = case.proposal.title
        if case.target_type_id:
            part = labels.get((case.target_type_id, case.target_id), _("a part no longer there"))
            found[case.pk] = f"{title} — {part}"
        else:
            found[case.pk] = _("%(title)s — the proposal as a whole") % {"title": title}
    return found


def target_labels(targets: list[tuple[str, str, Model]]) -> dict[tuple[int, int], str]:
    """The targets' labels by (content type id, object id), as cases point at them."""
    return {
        (ContentType.objects.get_for_model(obj).pk, obj.pk): label for _key, label, obj in targets
    }
