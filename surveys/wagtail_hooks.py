"""Surveys in Wagtail's admin and on the consultation's pages, through hooks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import Button

from surveys import admin_views, selectors
from surveys.exports import SURVEY_EXPORT
from surveys.models import SurveyPage


class SurveyAnswersViewSet(ViewSet):
    """A survey's answers, to the staff of its centre."""

    name = "surveys_answers"
    url_prefix = "consultations/surveys"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:page_id>/answers/", admin_views.SurveyAnswersView.as_view(), name="index"),
        ]


@hooks.register("register_admin_viewset")
def register_survey_answers_viewset():
    return SurveyAnswersViewSet()


@hooks.register("register_page_header_buttons")
def survey_answers_button(page, user, view_name, next_url=None):
    """Offer "Survey answers" on a survey to staff of its centre."""
    if not isinstance(page.specific_deferred, SurveyPage):
        return
    if not selectors.may_see_answers(user, page.specific_deferred):
        return
    yield Button(
        _("Survey answers"),
        reverse("surveys_answers:index", args=[page.pk]),
        icon_name="form",
        priority=85,
    )


@hooks.register("mam_open_now")
def surveys_open_now(root, by_path, now, url):
    """The surveys open now in "open now" lists (consultations.selectors.open_now)."""
    return selectors.open_surveys(root, by_path, now, url)


@hooks.register("mam_consultation_context")
def surveys_of_consultation(request, consultation, today) -> dict:
    """The consultation page's list of surveys: each with where it stands and its results."""
    return {"surveys": selectors.consultation_surveys(consultation)}


@hooks.register("mam_report_sections", order=-1)  # before the review's and implementation's
def survey_section_of_report(consultation) -> dict:
    """The council report's survey section: each survey's summary (outcomes/report.py)."""
    return {
        "id": "survey",
        "title": _("Survey"),
        "template": "surveys/report_section.html",
        "summaries": selectors.survey_summaries(consultation),
    }


@hooks.register("mam_exports", order=-1)  # listed before implementation's, as before
def survey_export() -> list:
    """The "survey" export on every consultation's exports page."""
    return [SURVEY_EXPORT]
