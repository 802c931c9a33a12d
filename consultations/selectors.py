"""Where a consultation stands in time, and who may do what in it today.

Every function takes `now` (an aware datetime; the current time by default) so callers and
tests can ask about any moment. Dates are read in Europe/Warsaw time (settings.TIME_ZONE):
a phase ending on 1 December 00:00 is shown as running "until 30 November".

Who may take part is decided in consultations.participation, the one participation rule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Min, Prefetch, Q
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.models import Page

from config import cache_versions
from consultations.models import ConsultationIndexPage, ConsultationPage, Phase
from home import chrome
from home.models import CentrePage

Kind = Phase.Kind

# Which phases each resident action belongs to.
ACTION_PHASES: dict[str, frozenset[str]] = {
    "propose": frozenset({Kind.PROPOSALS}),
    "comment": frozenset({Kind.PROPOSALS, Kind.DISCUSSION}),
    "support": frozenset({Kind.PROPOSALS, Kind.DISCUSSION}),
    "pledge": frozenset({Kind.PROPOSALS, Kind.DISCUSSION}),
    "vote": frozenset({Kind.VOTING}),
}
ACTIONS = tuple(ACTION_PHASES)
# The phases in which residents act; a consultation is finished once they are all over.
PARTICIPATION_KINDS = frozenset().union(*ACTION_PHASES.values())

OPEN, UPCOMING, FINISHED = "open", "upcoming", "finished"
PAST, CURRENT = "past", "current"

# What a phase is called in a sentence ("Submitting ideas runs until 30 November").
PHASE_ACTIVITY = {
    Kind.INFORMATION: gettext_lazy("Information"),
    Kind.PROPOSALS: gettext_lazy("Submitting ideas"),
    Kind.DISCUSSION: gettext_lazy("Discussion"),
    Kind.VOTING: gettext_lazy("Voting"),
    Kind.RESULTS: gettext_lazy("Announcing the results"),
    Kind.IMPLEMENTATION: gettext_lazy("Implementation"),
}


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def next_phase_boundary(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Return the next moment any phase starts or ends (one query per change of phases).

    Phases change when a page is published (the chrome version) or closed early (the listings
    version); the answer is kept under both until it passes.
    """
    now = _now(now)
    versions = (chrome.current_version(), cache_versions.current(cache_versions.LISTINGS_KEY))
    key = "mam:phases:next-boundary:{}:{}".format(*versions)
    kept = cache.get(key)
    if kept is not None and (kept == "none" or kept > now):
        return None if kept == "none" else kept
    moments = Phase.objects.aggregate(
        start=Min("starts_at", filter=Q(starts_at__gt=now)),
        end=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    found = min((m for m in moments.values() if m is not None), default=None)
    cache.set(key, found or "none", 300)
    return found


def phases(consultation: ConsultationPage) -> list[Phase]:
    """Return the consultation's phases in time order (uses prefetched phases when present)."""
    return sorted(consultation.phases.all(), key=lambda phase: (phase.starts_at, phase.sort_order))


def last_day(phase: Phase) -> datetime.date:
    """Return the last local day of the phase: one ending at midnight ends the day before."""
    return timezone.localtime(phase.effective_end - datetime.timedelta(microseconds=1)).date()


def first_day(phase: Phase) -> datetime.date:
    return timezone.localtime(phase.starts_at).date()


def current_phase(
    consultation: ConsultationPage, now: datetime.datetime | None = None
) -> Phase | None:
    """Return the phase running at `now`, or None between or outside phases."""
    now = _now(now)
    return next((phase for phase in phases(consultation) if phase.is_running(now)), None)


def status(consultation: ConsultationPage, now: datetime.datetime | None = None) -> str:
    """Return OPEN, UPCOMING or FINISHED.

    Upcoming: no phase has started yet (or there are none). Finished: every phase is over, or
    every phase in which residents act (proposals, discussion, voting) is over, so only
    results or implementation remain. Open: anything in between.
    """
    now = _now(now)
    items = phases(consultation)
    if not items or all(now < phase.starts_at for phase in items):
        return UPCOMING
    participation = [phase for phase in items if phase.kind in PARTICIPATION_KINDS] or items
    if all(phase.effective_end <= now for phase in participation):
        return FINISHED
    return OPEN


@dataclass(frozen=True)
class PhaseStep:
    """A phase as the timeline shows it: PAST, CURRENT or UPCOMING at a given moment."""

    phase: Phase
    state: str
    first_day: datetime.date
    last_day: datetime.date

    @property
    def is_current(self) -> bool:
        return self.state == CURRENT

    @property
    def closed_early(self) -> bool:
        return self.phase.effective_end != self.phase.ends_at


def timeline(consultation: ConsultationPage, now: datetime.datetime | None = None):
    """Return the phases in time order, each marked as past, current or upcoming at `now`."""
    now = _now(now)
    steps = []
    for phase in phases(consultation):
        if phase.is_running(now):
            state = CURRENT
        elif phase.effective_end <= now:
            state = PAST
        else:
            state = UPCOMING
        steps.append(PhaseStep(phase, state, first_day(phase), last_day(phase)))
    return steps


def days_left(phase: Phase, now: datetime.datetime | None = None) -> int:
    """Return the whole local days between today and the phase's last day (0: ends today)."""
    return (last_day(phase) - timezone.localtime(_now(now)).date()).days


def day_words(value: datetime.date, now: datetime.datetime | None = None) -> str:
    # "j E": day and the month in the form a date needs (Polish genitive: "30 listopada");
    # the year too when it is not the current one ("29 października 2027").
    if value.year != timezone.localtime(_now(now)).year:
        return date_filter(value, "j E Y")
    return date_filter(value, "j E")


def phase_sentence(phase: Phase, now: datetime.datetime | None = None) -> str:
    """Say where a phase stands, e.g. "Submitting ideas runs until 30 November, 4 days left"."""
    now = _now(now)
    activity = PHASE_ACTIVITY[phase.kind]
    if now < phase.starts_at:
        return _("%(phase)s starts on %(date)s") % {
            "phase": activity,
            "date": day_words(first_day(phase), now),
        }
    if phase.effective_end <= now:
        return _("%(phase)s ended on %(date)s") % {
            "phase": activity,
            "date": day_words(last_day(phase), now),
        }
    left = days_left(phase, now)
    if left == 0:
        return _("%(phase)s ends today") % {"phase": activity}
    remaining = ngettext("%(days)d day left", "%(days)d days left", left) % {"days": left}
    return _("%(phase)s runs until %(date)s, %(left)s") % {
        "phase": activity,
        "date": day_words(last_day(phase), now),
        "left": remaining,
    }


def status_sentence(consultation: ConsultationPage, now: datetime.datetime | None = None) -> str:
    """Say in one sentence where the consultation stands at `now` (for cards and headers)."""
    now = _now(now)
    items = phases(consultation)
    if not items:
        return _("Dates will be announced soon")
    running = next((phase for phase in items if phase.is_running(now)), None)
    if status(consultation, now) == FINISHED:
        # Residents' part is over: never "days left", even while results or works run on.
        acting = [phase for phase in items if phase.kind in PARTICIPATION_KINDS] or items
        ended = day_words(max(last_day(phase) for phase in acting), now)
        if running is None or running.kind not in (Kind.RESULTS, Kind.IMPLEMENTATION):
            return _("Finished on %(date)s") % {"date": ended}
        return _("Finished on %(date)s. %(phase)s until %(end)s") % {
            "date": ended,
            "phase": PHASE_ACTIVITY[running.kind],
            "end": day_words(last_day(running), now),
        }
    if running:
        return phase_sentence(running, now)
    upcoming = next((phase for phase in items if now < phase.starts_at), None)
    if upcoming:
        return phase_sentence(upcoming, now)
    return _("Finished on %(date)s") % {"date": day_words(last_day(items[-1]), now)}


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
