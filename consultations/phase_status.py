"""Where a consultation stands in time, and who may do what in it today.

Every function takes `now` (an aware datetime; the current time by default) so callers and
tests can ask about any moment. Dates are read in Europe/Warsaw time (settings.TIME_ZONE):
a phase ending on 1 December 00:00 is shown as running "until 30 November".

Who may take part is decided in consultations.participation, the one participation rule.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Min, Q
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config import cache_versions
from consultations.models import ConsultationPage, Phase
from home import chrome

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


def keep_phases(consultation: ConsultationPage, items: list[Phase]) -> None:
    """Give `consultation` its phases read elsewhere (a copy kept per version), as
    `prefetch_related("phases")` would: `consultation.phases.all()` then reads no row."""
    found = Phase.objects.filter(consultation=consultation)
    found._result_cache = list(items)  # what Django's prefetch_related_objects stores
    found._prefetch_done = True
    consultation.__dict__.setdefault("_prefetched_objects_cache", {})["phases"] = found


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
