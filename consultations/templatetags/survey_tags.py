"""The surveys of a consultation, for its page: {% consultation_surveys page as surveys %}."""

from django import template

from consultations import selectors_survey

register = template.Library()


@register.simple_tag
def consultation_surveys(consultation) -> list[dict]:
    """Return each live survey with where it stands and whether its results are public."""
    return [
        {
            "page": survey,
            "sentence": selectors_survey.state_sentence(survey),
            "open": selectors_survey.survey_state(survey) == selectors_survey.OPEN,
            "results_url": survey.url + survey.reverse_subpage("survey_results")
            if selectors_survey.results_visible(survey)
            else "",
        }
        for survey in selectors_survey.surveys_of(consultation)
    ]
