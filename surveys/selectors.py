"""Reads for surveys: when a survey is open, who may answer, and what the answers add up to.

The summary and the rows are computed from two queries (the questions and the answers'
JSON), whatever the number of questions or responses.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import is_staff_for
from consultations import selectors as consultation_selectors
from surveys.forms import scale_choices
from surveys.models import (
    CHOICE_KINDS,
    SCALE,
    TEXT_KINDS,
    QuestionKind,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
)

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
VIEW_ANSWERS = "surveys.view_surveyresponse"


def _now(now):
    return now or timezone.now()


def _day(moment: datetime.datetime) -> str:
    return date_filter(timezone.localtime(moment), "j E Y")


# --- When -------------------------------------------------------------------------------


def survey_window(survey: SurveyPage) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Return (opens, closes): the survey's own dates, else its consultation's acting phases."""
    opens, closes = survey.opens_at, survey.closes_at
    if opens and closes:
        return opens, closes
    consultation = survey.consultation
    items = consultation_selectors.phases(consultation) if consultation else []
    acting = [phase for phase in items if phase.kind in consultation_selectors.PARTICIPATION_KINDS]
    if acting:
        opens = opens or min(phase.starts_at for phase in acting)
        closes = closes or max(phase.effective_end for phase in acting)
    return opens, closes


def survey_state(survey: SurveyPage, now: datetime.datetime | None = None) -> str:
    """Return UPCOMING, OPEN or CLOSED at `now` (a survey without dates is upcoming)."""
    now = _now(now)
    opens, closes = survey_window(survey)
    if opens is None or now < opens:
        return UPCOMING
    if closes is not None and closes <= now:
        return CLOSED
    return OPEN


def results_visible(survey: SurveyPage, now: datetime.datetime | None = None) -> bool:
    """The public summary shows once the survey closed, or while open if the editor chose so."""
    state = survey_state(survey, now)
    return state == CLOSED or (state == OPEN and survey.show_results_while_open)


def state_sentence(survey: SurveyPage, now: datetime.datetime | None = None) -> str:
    """Say where the survey stands, e.g. "Open until 30 November 2026"."""
    now = _now(now)
    opens, closes = survey_window(survey)
    state = survey_state(survey, now)
    if state == UPCOMING:
        if opens is None:
            return _("The dates of the survey will be announced soon")
        return _("The survey opens on %(date)s") % {"date": _day(opens)}
    if state == CLOSED:
        return _("The survey closed on %(date)s") % {
            "date": _day(closes - datetime.timedelta(microseconds=1))
        }
    if closes is None:
        return _("The survey is open")
    return _("The survey is open until %(date)s") % {
        "date": _day(closes - datetime.timedelta(microseconds=1))
    }


# --- Who --------------------------------------------------------------------------------


def has_answered(survey: SurveyPage, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return SurveyResponse.objects.filter(page=survey, user=user).exists()


def may_see_answers(user, survey: SurveyPage) -> bool:
    """Staff of the survey's centre holding the permission to view responses (or superusers)."""
    centre = survey.centre
    return centre is not None and is_staff_for(user, VIEW_ANSWERS, centre)


def surveys_of(consultation) -> list[SurveyPage]:
    """Return the live, public surveys under a consultation, in the editors' order."""
    return list(SurveyPage.objects.child_of(consultation).live().public().order_by("path"))


def consultation_surveys(consultation) -> list[dict]:
    """Return each live survey of `consultation` with where it stands and whether its results
    are public (the consultation page's list, through the `mam_consultation_context` hook)."""
    return [
        {
            "page": survey,
            "sentence": state_sentence(survey),
            "open": survey_state(survey) == OPEN,
            "results_url": survey.url + survey.reverse_subpage("survey_results")
            if results_visible(survey)
            else "",
        }
        for survey in surveys_of(consultation)
    ]


# --- What the answers add up to -----------------------------------------------------------


@dataclass
class QuestionSummary:
    """The figures of one question; `rows` feed {% bar_chart %} ({"label", "value"})."""

    question: SurveyQuestion
    answered: int
    rows: list[dict] = field(default_factory=list)
    mean: Decimal | None = None  # scale
    average_places: list[tuple[str, Decimal | None]] = field(default_factory=list)  # ranking
    texts: list[str] = field(default_factory=list)  # staff only

    @property
    def kind(self) -> str:
        return self.question.field_type

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    @property
    def chart_total(self) -> int:
        """Shares are of the people who answered (a multiple choice may exceed 100 %)."""
        if self.kind == QuestionKind.RANKING:
            return sum(row["value"] for row in self.rows)
        return self.answered


def _questions(survey: SurveyPage) -> list[SurveyQuestion]:
    return list(SurveyQuestion.objects.filter(page=survey).order_by("sort_order", "pk"))


def _is_answer(value) -> bool:
    return value not in (None, "", [])


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _summarise(question: SurveyQuestion, answers: list, with_texts: bool) -> QuestionSummary:
    kind = question.field_type
    summary = QuestionSummary(question=question, answered=len(answers))
    if kind in CHOICE_KINDS:
        counts = Counter()
        for answer in answers:
            counts.update(answer if isinstance(answer, list) else [answer])
        summary.rows = [{"label": option, "value": counts[option]} for option in question.options]
    elif kind == QuestionKind.SCALE:
        counts = Counter(int(answer) for answer in answers)

        labels = dict(scale_choices(question.scale_low_label, question.scale_high_label))
        summary.rows = [{"label": str(labels[value]), "value": counts[value]} for value in SCALE]
        if answers:
            total = sum(value * count for value, count in counts.items())
            summary.mean = _two_places(Decimal(total) / len(answers))
    elif kind == QuestionKind.RANKING:
        options = question.options
        places: dict[str, list[int]] = {option: [] for option in options}
        for answer in answers:
            for place, option in enumerate(answer, start=1):
                if option in places:
                    places[option].append(place)
        # Points: first place earns as many points as there are options, the last one 1.
        summary.rows = [
            {"label": option, "value": sum(len(options) + 1 - place for place in places[option])}
            for option in options
        ]
        averages = [
            (option, _two_places(Decimal(sum(found)) / len(found)) if found else None)
            for option, found in places.items()
        ]
        summary.average_places = sorted(
            averages, key=lambda item: (item[1] is None, item[1] or 0, options.index(item[0]))
        )
    elif with_texts:
        summary.texts = [str(answer) for answer in answers]
    return summary


def survey_summary(survey: SurveyPage, *, with_texts: bool = False) -> list[QuestionSummary]:
    """Return per question: answer counts, counts per option, the scale's distribution and
    mean, the ranking's points and average places; the text answers only `with_texts` (staff).
    Two queries."""
    questions = _questions(survey)
    answers: dict[str, list] = {question.clean_name: [] for question in questions}
    data = SurveyResponse.objects.filter(page=survey).order_by("submit_time", "pk")
    for form_data in data.values_list("form_data", flat=True):
        for name, found in answers.items():
            value = form_data.get(name)
            if _is_answer(value):
                found.append(value)
    return [
        _summarise(question, answers[question.clean_name], with_texts) for question in questions
    ]


def response_count(survey: SurveyPage) -> int:
    return SurveyResponse.objects.filter(page=survey).count()


def answer_text(question: SurveyQuestion, value) -> str:
    """An answer as one line of text ("1. Park; 2. Library" for a ranking)."""
    if not _is_answer(value):
        return ""
    if question.field_type == QuestionKind.RANKING:
        return "; ".join(f"{place}. {option}" for place, option in enumerate(value, start=1))
    if isinstance(value, list):
        return "; ".join(str(option) for option in value)
    return str(value)


def survey_columns(survey: SurveyPage) -> list[str]:
    """The keys of survey_rows' dicts, in order: the response, its date, the questions."""
    return ["response_id", "submitted_on", *(question.label for question in _questions(survey))]


def survey_rows(survey: SurveyPage) -> Iterator[dict]:
    """Yield one plain dict per response: its id, its local date, and per question (by its
    label) the answer as text. Nothing about the person; two queries, streamed."""
    questions = _questions(survey)
    data = (
        SurveyResponse.objects.filter(page=survey)
        .order_by("submit_time", "pk")
        .values_list("pk", "submit_time", "form_data")
    )
    for pk, submitted, form_data in data.iterator(chunk_size=2000):
        row = {"response_id": pk, "submitted_on": timezone.localdate(submitted)}
        for question in questions:
            row[question.label] = answer_text(question, form_data.get(question.clean_name))
        yield row


def survey_summaries(consultation) -> list[dict]:
    """Each live survey of `consultation` for the council report: its title, number of
    responses and per question the chart rows (or, for text, only how many answered)."""
    return [
        {
            "title": survey.title,
            "responses": response_count(survey),
            "questions": [
                {"text": item.question.label, "rows": item.rows, "answers_count": item.answered}
                for item in survey_summary(survey)
            ],
        }
        for survey in surveys_of(consultation)
    ]


def open_surveys(root, by_path: dict, now: datetime.datetime, url) -> tuple[list, list]:
    """The surveys open now under `root` for "open now" (consultations.selectors.open_now,
    through the `mam_open_now` hook), and the moments they open or close.

    `by_path` holds the live, public consultations by their path; a survey under any other
    is left out. Two queries: the view restrictions and the pages.
    """
    items: list[consultation_selectors.OpenItem] = []
    boundaries: list[datetime.datetime] = []
    surveys = SurveyPage.objects.descendant_of(root).live().public().order_by("path")
    for survey in surveys:
        consultation = by_path.get(survey.path[: -survey.steplen])
        if consultation is None:  # under a consultation that is not live or public
            continue
        survey.__dict__["consultation"] = consultation
        opens, closes = survey_window(survey)
        boundaries += [moment for moment in (opens, closes) if moment is not None]
        if survey_state(survey, now) != OPEN:
            continue
        items.append(
            consultation_selectors.OpenItem(
                consultation_selectors.SURVEY,
                survey,
                consultation,
                state_sentence(survey, now),
                url(survey),
                closes or now.replace(year=datetime.MAXYEAR),
            )
        )
    return items, boundaries
