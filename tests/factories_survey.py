"""Surveys for tests: a survey page with questions under a consultation, and responses.

survey = survey_page(consultation, questions=[("Jak oceniasz park?", "scale", "")])
"""

import datetime

from django.utils import timezone

from surveys.models import SurveyPage, SurveyQuestion, SurveyResponse

# One question of each kind: (label, kind, options one a line, required).
EVERY_KIND = [
    ("Co lubisz w parku?", "singleline", "", True),
    ("Opisz, co zmienić", "multiline", "", False),
    ("Jak często bywasz w parku?", "radio", "Codziennie\nCo tydzień\nRzadziej", True),
    ("Co robisz w parku?", "checkboxes", "Spaceruję\nBiegam\nOdpoczywam", False),
    ("Jak oceniasz park?", "scale", "", True),
    ("Co jest najważniejsze?", "ranking", "Ławki\nZieleń\nOświetlenie", True),
]


def survey_page(consultation, questions=EVERY_KIND, *, publish=True, **fields):
    """A live survey under `consultation` with `questions` [(label, kind, options, required)]."""
    fields.setdefault("title", "Ankieta o parku")
    fields.setdefault("slug", f"ankieta-{SurveyPage.objects.count() + 1}")
    survey = SurveyPage(**fields)
    for position, (label, kind, options, required) in enumerate(questions):
        survey.form_fields.add(
            SurveyQuestion(
                label=label,
                field_type=kind,
                choices=options,
                required=required,
                sort_order=position,
            )
        )
    consultation.add_child(instance=survey)
    if publish:
        survey.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk)


def closed_dates(days=1):
    """opens_at/closes_at keywords for a survey that closed `days` ago."""
    now = timezone.now()
    return {
        "opens_at": now - datetime.timedelta(days=days + 7),
        "closes_at": now - datetime.timedelta(days=days),
    }


def respond(survey, answers, user=None) -> SurveyResponse:
    """Store a response directly (by question label), bypassing the rules."""
    names = {question.label: question.clean_name for question in survey.form_fields.all()}
    data = {names[label]: value for label, value in answers.items()}
    return SurveyResponse.objects.create(page=survey, user=user, form_data=data)
