"""Admin hooks for surveys (loaded by consultations/wagtail_hooks.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from consultations import admin_views_survey, selectors_survey
from consultations.models import SurveyPage


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return [
        path(
            "consultations/surveys/<id:page_id>/answers/",
            admin_views_survey.survey_answers,
            name="consultations_survey_answers",
        )
    ]


@hooks.register("register_page_header_buttons")
def survey_answers_button(page, user, view_name, next_url=None):
    """Offer "Survey answers" on a survey to staff of its centre."""
    if not isinstance(page.specific_deferred, SurveyPage):
        return
    if not selectors_survey.may_see_answers(user, page.specific_deferred):
        return
    yield Button(
        _("Survey answers"),
        reverse("consultations_survey_answers", args=[page.pk]),
        icon_name="form",
        priority=85,
    )
