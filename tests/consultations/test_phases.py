"""Phase logic at its boundaries in Europe/Warsaw time, across a DST change, closed early."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import PageLogEntry

from consultations import selectors, services
from consultations.models import ConsultationPage, Phase
from tests.factories import CentrePageFactory, UserFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    PhaseFactory,
    with_phases,
)

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def warsaw(*args):
    return datetime.datetime(*args, tzinfo=WARSAW)


@pytest.fixture
def consultation(home_page):
    index = ConsultationIndexPageFactory(parent=CentrePageFactory(parent=home_page))
    return ConsultationPageFactory(parent=index)


@pytest.fixture
def proposals(consultation):
    # Summer time ends on 25 October 2026 at 03:00 (clocks go back to 02:00).
    return PhaseFactory(
        consultation=consultation,
        kind=Phase.Kind.PROPOSALS,
        starts_at=warsaw(2026, 10, 1),
        ends_at=warsaw(2026, 11, 1),
    )


@pytest.fixture
def voting(consultation):
    return PhaseFactory(
        consultation=consultation,
        kind=Phase.Kind.VOTING,
        starts_at=warsaw(2026, 11, 1),
        ends_at=warsaw(2026, 11, 15),
    )


def test_phase_runs_from_the_exact_start(consultation, proposals):
    assert selectors.current_phase(consultation, warsaw(2026, 10, 1)) == proposals


def test_phase_does_not_run_a_microsecond_before_its_start(consultation, proposals):
    moment = warsaw(2026, 10, 1) - datetime.timedelta(microseconds=1)
    assert selectors.current_phase(consultation, moment) is None


def test_phase_is_over_at_the_exact_end(consultation, proposals):
    assert selectors.current_phase(consultation, warsaw(2026, 11, 1)) is None


def test_next_phase_takes_over_at_the_exact_end_of_the_previous(consultation, proposals, voting):
    assert selectors.current_phase(consultation, warsaw(2026, 11, 1)) == voting
    before = warsaw(2026, 11, 1) - datetime.timedelta(microseconds=1)
    assert selectors.current_phase(consultation, before) == proposals


def test_midnight_in_warsaw_is_the_boundary_not_midnight_utc(consultation, proposals):
    # 23:30 UTC on 31 October is 00:30 on 1 November in Warsaw (winter time, UTC+1).
    assert selectors.current_phase(
        consultation, datetime.datetime(2026, 10, 31, 22, 59, tzinfo=datetime.UTC)
    )
    assert not selectors.current_phase(
        consultation, datetime.datetime(2026, 10, 31, 23, 0, tzinfo=datetime.UTC)
    )


def test_boundary_on_the_day_summer_time_ends(consultation):
    # A phase ending at 04:00 local on 25 October 2026: 03:00 UTC (UTC+1 after the change).
    phase = PhaseFactory(
        consultation=consultation,
        starts_at=warsaw(2026, 10, 24),
        ends_at=warsaw(2026, 10, 25, 4),
    )
    assert phase.ends_at == datetime.datetime(2026, 10, 25, 3, tzinfo=datetime.UTC)
    assert selectors.current_phase(
        consultation, datetime.datetime(2026, 10, 25, 2, 59, tzinfo=datetime.UTC)
    )
    assert not selectors.current_phase(
        consultation, datetime.datetime(2026, 10, 25, 3, tzinfo=datetime.UTC)
    )


def test_phase_ending_at_midnight_is_shown_ending_the_day_before(consultation, proposals):
    assert selectors.last_day(proposals) == datetime.date(2026, 10, 31)


def test_last_day_counts_in_warsaw_across_the_dst_change(consultation, proposals):
    # 30 October, 23:30 in Warsaw: one whole day left (31 October is the last).
    assert selectors.days_left(proposals, warsaw(2026, 10, 30, 23, 30)) == 1
    assert selectors.days_left(proposals, warsaw(2026, 10, 31, 0, 0)) == 0


def test_sentence_says_until_when_and_how_many_days_are_left(consultation, proposals):
    with translation.override("en"):
        sentence = selectors.phase_sentence(proposals, warsaw(2026, 10, 27, 12))
    assert sentence == "Submitting ideas runs until 31 October, 4 days left"


def test_sentence_in_polish_uses_the_genitive_month(consultation, proposals):
    with translation.override("pl"):
        sentence = selectors.phase_sentence(proposals, warsaw(2026, 10, 27, 12))
    assert "31 października" in sentence


def test_sentence_on_the_last_day_says_it_ends_today(consultation, proposals):
    with translation.override("en"):
        sentence = selectors.phase_sentence(proposals, warsaw(2026, 10, 31, 20))
    assert sentence == "Submitting ideas ends today"


def test_closed_early_phase_ends_at_the_closing_moment(consultation, proposals):
    proposals.closed_early_at = warsaw(2026, 10, 20, 12)
    proposals.save()
    assert selectors.current_phase(consultation, warsaw(2026, 10, 20, 11, 59))
    assert selectors.current_phase(consultation, warsaw(2026, 10, 20, 12)) is None


def test_closing_after_the_planned_end_changes_nothing(consultation, proposals):
    proposals.closed_early_at = warsaw(2026, 12, 1)
    assert proposals.effective_end == proposals.ends_at


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (warsaw(2026, 9, 30), selectors.UPCOMING),
        (warsaw(2026, 10, 1), selectors.OPEN),
        (warsaw(2026, 11, 14, 23, 59), selectors.OPEN),
        (warsaw(2026, 11, 15), selectors.FINISHED),
    ],
)
def test_status_follows_the_dates(consultation, proposals, voting, moment, expected):
    assert selectors.status(consultation, moment) == expected


def test_consultation_in_results_or_implementation_counts_as_finished(consultation):
    now = warsaw(2026, 6, 1)
    with_phases(consultation, now=now, current="implementation", publish=False)
    assert selectors.status(consultation, now) == selectors.FINISHED


def test_consultation_in_its_information_phase_counts_as_open(consultation):
    now = warsaw(2026, 6, 1)
    with_phases(consultation, now=now, current="information", publish=False)
    assert selectors.status(consultation, now) == selectors.OPEN


def test_consultation_without_phases_is_upcoming(consultation):
    assert selectors.status(consultation) == selectors.UPCOMING


def test_timeline_marks_past_current_and_upcoming(consultation):
    now = warsaw(2026, 6, 1)
    with_phases(consultation, now=now, current="discussion", publish=False)
    states = [(step.phase.kind, step.state) for step in selectors.timeline(consultation, now)]
    assert states == [
        ("information", "past"),
        ("proposals", "past"),
        ("discussion", "current"),
        ("voting", "upcoming"),
        ("results", "upcoming"),
        ("implementation", "upcoming"),
    ]


def test_timeline_has_no_current_step_between_phases(consultation, proposals):
    PhaseFactory(
        consultation=consultation,
        kind=Phase.Kind.VOTING,
        starts_at=warsaw(2026, 11, 10),
        ends_at=warsaw(2026, 11, 20),
    )
    steps = selectors.timeline(consultation, warsaw(2026, 11, 5))
    assert [step.state for step in steps] == ["past", "upcoming"]


# --- close_phase_early ------------------------------------------------------------------


@pytest.fixture
def live_consultation(consultation):
    return with_phases(consultation, current="proposals")


def test_close_phase_early_ends_the_running_phase_now(live_consultation):
    phase = live_consultation.phases.get(kind=Phase.Kind.PROPOSALS)
    services.close_phase_early(phase=phase, by=UserFactory())
    phase.refresh_from_db()
    assert phase.closed_early_at is not None
    assert selectors.current_phase(live_consultation) is None


def test_close_phase_early_is_logged_with_who_did_it(live_consultation):
    editor = UserFactory()
    phase = live_consultation.phases.get(kind=Phase.Kind.PROPOSALS)
    services.close_phase_early(phase=phase, by=editor)
    entry = PageLogEntry.objects.get(action="mam.phase.close_early")
    assert entry.user == editor
    assert entry.page_id == live_consultation.pk
    assert entry.data["phase"] == "proposals"


def test_republishing_the_page_keeps_the_phase_closed(live_consultation):
    phase = live_consultation.phases.get(kind=Phase.Kind.PROPOSALS)
    services.close_phase_early(phase=phase, by=UserFactory())
    page = ConsultationPage.objects.get(pk=live_consultation.pk)
    page.get_latest_revision_as_object().save_revision().publish()
    phase.refresh_from_db()
    assert phase.closed_early_at is not None


def test_a_phase_that_is_not_running_cannot_be_closed_early(live_consultation):
    phase = live_consultation.phases.get(kind=Phase.Kind.VOTING)
    with pytest.raises(ValidationError):
        services.close_phase_early(phase=phase, by=UserFactory())
