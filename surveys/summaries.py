"""What a survey's answers add up to: per question the counts, the scale's mean, the ranking's
points and places (survey_summary), and one plain row per response for the export (survey_rows).

Two queries each (the questions and the answers' JSON), whatever the number of questions or
responses.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

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
