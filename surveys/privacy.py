"""The person's survey answers in their data download."""

from accounts.services.privacy import user_data_section
from surveys.models import SurveyResponse


@user_data_section("survey_answers")
def survey_answers(user) -> list[dict]:
    """The person's own answers, by question, as they were submitted."""
    responses = SurveyResponse.objects.filter(user=user).select_related("page")
    return [
        {
            "survey": response.page.title,
            "answers": response.form_data,
            "submitted_at": response.submit_time.isoformat(),
        }
        for response in responses.order_by("submit_time", "pk")
    ]
