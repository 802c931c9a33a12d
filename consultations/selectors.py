"""Listing consultations, and what residents can do now across the site or a centre.

Where a consultation stands in time (phases, status, the sentences about them) is in
consultations.phase_status, re-exported here (`selectors.current_phase` still works).
Who may take part is decided in consultations.participation, the one participation rule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Page

from consultations.models import ConsultationIndexPage, ConsultationPage, Phase
from consultations.phase_status import (
    ACTION_PHASES,
    ACTIONS,
    CURRENT,
    FINISHED,
    OPEN,
    PARTICIPATION_KINDS,
    PAST,
    PHASE_ACTIVITY,
    UPCOMING,
    Kind,
    PhaseStep,
    _now,
    current_phase,
    day_words,
    days_left,
    first_day,
    last_day,
    next_phase_boundary,
    phase_sentence,
    phases,
    status,
    status_sentence,
    timeline,
)
from home.models import CentrePage

__all__ = [
    "Kind",
    "ACTION_PHASES",
    "ACTIONS",
    "PARTICIPATION_KINDS",
    "OPEN",
    "UPCOMING",
    "FINISHED",
    "PAST",
    "CURRENT",
    "PHASE_ACTIVITY",
    "next_phase_boundary",
    "phases",
    "last_day",
    "first_day",
    "current_phase",
    "status",
    "PhaseStep",
    "timeline",
    "days_left",
    "day_words",
    "phase_sentence",
    "status_sentence",
    "STATUS_HEADINGS",
    "VOTE",
    "PROPOSE",
    "COMMENT",
    "SURVEY",
    "PHASE_ITEMS",
    "OpenItem",
    "OpenNow",
    "consultations_of",
    "grouped",
    "vote_hold_reason",
    "vote_hold_reasons",
    "open_now",
]


# --- Listing -------------------------------------------------------------------------------


def consultations_of(index: ConsultationIndexPage):
    """Return the live consultations under `index` with their phases and categories loaded."""
    return (
        ConsultationPage.objects.child_of(index)
        .live()
        .public()
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("starts_at", "sort_order")),
            "categories",
        )
        .order_by("-first_published_at", "pk")
    )


def grouped(consultations, now: datetime.datetime | None = None) -> dict[str, list]:
    """Split consultations into {"open": [...], "upcoming": [...], "finished": [...]}."""
    now = _now(now)
    groups: dict[str, list] = {OPEN: [], UPCOMING: [], FINISHED: []}
    for consultation in consultations:
        groups[status(consultation, now)].append(consultation)
    far = timezone.now().replace(year=datetime.MAXYEAR)

    def starts(consultation):
        items = phases(consultation)
        return items[0].starts_at if items else far

    def ends(consultation):
        items = phases(consultation)
        return max(phase.effective_end for phase in items) if items else far

    groups[UPCOMING].sort(key=starts)  # soonest first
    groups[FINISHED].sort(key=ends, reverse=True)  # most recent first
    return groups


STATUS_HEADINGS = [
    (OPEN, gettext_lazy("Open now")),
    (UPCOMING, gettext_lazy("Coming soon")),
    (FINISHED, gettext_lazy("Finished")),
]


# --- What residents can do now, across the site or a centre --------------------------------


def vote_hold_reason(consultation: ConsultationPage) -> str:
    """Why the vote may not open although its phase runs (the `mam_vote_holds` hook), or ""."""
    for hold in hooks.get_hooks("mam_vote_holds"):
        reason = hold(consultation)
        if reason:
            return reason
    return ""


def vote_hold_reasons(consultations: list[ConsultationPage]) -> dict[int, str]:
    """vote_hold_reason() of many consultations at once: the `mam_vote_holds_many` hook (a
    function of the list returning {consultation id: sentence}) costs one query per app."""
    reasons: dict[int, str] = {}
    if not consultations:
        return reasons
    for holds in hooks.get_hooks("mam_vote_holds_many"):
        for pk, reason in holds(consultations).items():
            if reason:
                reasons.setdefault(pk, reason)
    return reasons


VOTE, PROPOSE, COMMENT, SURVEY = "vote", "propose", "comment", "survey"


@dataclass(frozen=True)
class OpenItem:
    """One thing a resident can do now: vote, propose, comment or answer a survey."""

    kind: str
    page: Page  # the consultation, or the survey for SURVEY
    consultation: ConsultationPage
    sentence: str  # "Voting runs until 30 November, 4 days left"
    url: str  # straight to the action
    ends_at: datetime.datetime
    held: str = ""  # why the vote may not open yet although its phase runs (mam_vote_holds)

    @property
    def centre(self):
        return self.consultation.centre


@dataclass(frozen=True)
class OpenNow:
    """What is open under a page at `now`, soonest closing first, and when that changes.

    `changes_at` is the next moment a phase or a survey starts or ends: a stored copy of a
    page listing these items must expire by then.
    """

    items: list[OpenItem]
    changes_at: datetime.datetime | None

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self):
        return iter(self.items)


# What a running phase offers: the kind of item and the consultation's sub-page it links to.
PHASE_ITEMS = {
    Kind.VOTING: (VOTE, "vote"),
    Kind.PROPOSALS: (PROPOSE, "proposal_create"),
    Kind.DISCUSSION: (COMMENT, "proposal_list"),
}


def _open_consultations(root: Page) -> list[ConsultationPage]:
    """Live, public consultations under `root` with their phases and centres (three queries)."""
    consultations = list(
        ConsultationPage.objects.descendant_of(root)
        .live()
        .public()
        .prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("starts_at", "sort_order"))
        )
    )
    centres = list(CentrePage.objects.descendant_of(root, inclusive=True))
    for consultation in consultations:
        # Set the cached centre: each consultation would look it up with a query.
        consultation.__dict__["centre"] = next(
            (c for c in centres if consultation.path.startswith(c.path)), None
        )
    return consultations


def _phase_items(consultations, now: datetime.datetime, url) -> tuple[list, list]:
    """The items of the phases running at `now`, and every phase's start and end."""
    items: list[OpenItem] = []
    boundaries: list[datetime.datetime] = []
    for consultation in consultations:
        for phase in phases(consultation):
            boundaries += [phase.starts_at, phase.effective_end]
            if not phase.is_running(now):
                continue
            sentence = phase_sentence(phase, now)
            if phase.kind not in PHASE_ITEMS:
                continue
            # A voting phase without a voting method has nothing to vote with yet.
            if phase.kind == Kind.VOTING and not consultation.voting_method:
                continue
            kind, route = PHASE_ITEMS[phase.kind]
            items.append(
                OpenItem(
                    kind,
                    consultation,
                    consultation,
                    sentence,
                    url(consultation, route),
                    phase.effective_end,
                )
            )
    return items, boundaries


def _with_vote_holds(items: list[OpenItem]) -> list[OpenItem]:
    """Mark the votes that may not open yet although their phase runs (one query for all)."""
    voting = [item.consultation for item in items if item.kind == VOTE]
    if held := vote_hold_reasons(voting):
        items = [
            replace(item, held=held[item.consultation.pk])
            if item.kind == VOTE and item.consultation.pk in held
            else item
            for item in items
        ]
    return items


def open_now(root: Page, *, request=None, now: datetime.datetime | None = None) -> OpenNow:
    """Return the votes, proposal and discussion phases and surveys open now under `root`.

    Live, public consultations and surveys only. Eight queries whatever their number: view
    restrictions and pages twice (consultations, surveys), the phases, the centres and the
    sites (for the URLs; cached by the request when one is given), and the votes held
    (`mam_vote_holds_many`: one query for all, shown instead of the vote button).
    """
    now = _now(now)
    consultations = _open_consultations(root)
    by_path = {consultation.path: consultation for consultation in consultations}

    def url(page, route: str = "") -> str:
        base = page.get_url(request) or page.url or "/"
        return base + (page.reverse_subpage(route) if route else "")

    items, boundaries = _phase_items(consultations, now, url)
    # Other apps' items (surveys), through the `mam_open_now` hook: a function of the root, the
    # consultations by path, `now` and the URL helper, returning (items, boundaries).
    for open_items in hooks.get_hooks("mam_open_now"):
        found, moments = open_items(root, by_path, now, url)
        items += found
        boundaries += moments
    items = _with_vote_holds(items)
    items.sort(key=lambda item: (item.ends_at, item.consultation.title, item.kind))
    future = [moment for moment in boundaries if moment > now]
    return OpenNow(items=items, changes_at=min(future, default=None))
