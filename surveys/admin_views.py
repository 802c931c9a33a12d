"""Staff view in the Wagtail admin: a survey's figures and its open (text) answers."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from consultations.admin_views import AdminView
from surveys import selectors, summaries
from surveys.models import SurveyPage


class SurveyAnswersView(AdminView):
    """The summary with every text answer, for staff of the survey's centre only.

    Without the permission anywhere: refused; staff of another centre: not found, so they
    do not learn the survey exists. Answers are listed without names or response numbers.
    """

    template_name = "surveys/admin/survey_answers.html"

    def prepare(self, *, page_id: int):
        if not self.request.user.has_perm(selectors.VIEW_ANSWERS):
            raise PermissionDenied
        self.survey = get_object_or_404(SurveyPage, pk=page_id)
        if not selectors.may_see_answers(self.request.user, self.survey):
            raise Http404

    def get(self, request, page_id: int):
        survey = self.survey
        return self.render(
            page=survey,
            header_title=survey.title,
            state_sentence=selectors.state_sentence(survey),
            responses=summaries.response_count(survey),
            summary=summaries.survey_summary(survey, with_texts=True),
        )
