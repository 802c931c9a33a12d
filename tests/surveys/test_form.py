"""Answering a survey: each kind of question, required questions, once per person, who may."""

import datetime
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Verification
from consultations.models import ConsultationPage
from surveys import selectors as selectors_survey
from surveys.forms import SurveyFormBuilder
from surveys.models import SurveyQuestion, SurveyResponse
from surveys.participation import survey_decision
from surveys.services import AlreadyAnswered, survey_response_submit
from tests.factories import UserFactory
from tests.factories_proposals import confirmed_user, open_consultation
from tests.factories_survey import closed_dates, respond, survey_page

pytestmark = pytest.mark.usefixtures("_english")

VALID = {
    "co_lubisz_w_parku": "Stare drzewa",
    "opisz_co_zmienic": "Więcej ławek\nprzy stawie",
    "jak_czesto_bywasz_w_parku": "Co tydzień",
    "co_robisz_w_parku": ["Spaceruję", "Odpoczywam"],
    "jak_oceniasz_park": "4",
    "co_jest_najwazniejsze_0": "Zieleń",
    "co_jest_najwazniejsze_1": "Ławki",
    "co_jest_najwazniejsze_2": "Oświetlenie",
}


@pytest.fixture
def _english():
    with override_settings(LANGUAGE_CODE="en"):
        yield


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page)


@pytest.fixture
def survey(consultation):
    return survey_page(consultation)


@pytest.fixture
def resident():
    return confirmed_user()


def build_form(kind, options="", required=True, data=None, **extra):
    """A one-question survey form (no database: questions built in memory)."""
    question = SurveyQuestion(
        label="Pytanie",
        clean_name="q",
        field_type=kind,
        choices=options,
        required=required,
        **extra,
    )
    form_class = SurveyFormBuilder([question]).get_form_class()
    return form_class(data)


RANKING = "Ławki\nZieleń\nOświetlenie"


# --- Each kind of question ---------------------------------------------------------------


def test_ranking_accepts_every_option_once_in_the_chosen_order():
    form = build_form(
        "ranking", RANKING, data={"q_0": "Zieleń", "q_1": "Oświetlenie", "q_2": "Ławki"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["q"] == ["Zieleń", "Oświetlenie", "Ławki"]


def test_ranking_refuses_an_option_in_two_places():
    form = build_form("ranking", RANKING, data={"q_0": "Zieleń", "q_1": "Zieleń", "q_2": "Ławki"})
    assert not form.is_valid()
    assert form.errors["q"] == ["Each option can take only one place."]


def test_ranking_refuses_an_empty_place():
    form = build_form("ranking", RANKING, data={"q_0": "Zieleń", "q_1": "Ławki", "q_2": ""})
    assert not form.is_valid()
    assert form.errors["q"] == ["Give every option a place."]


def test_ranking_refuses_an_option_not_offered():
    form = build_form("ranking", RANKING, data={"q_0": "Zieleń", "q_1": "Ławki", "q_2": "Basen"})
    assert not form.is_valid()


def test_optional_ranking_may_be_left_out():
    form = build_form("ranking", RANKING, required=False, data={"q_0": "", "q_1": "", "q_2": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["q"] == []


@pytest.mark.parametrize("value", ["0", "6", "3.5", "dobrze"])
def test_scale_accepts_only_whole_numbers_from_1_to_5(value):
    assert not build_form("scale", data={"q": value}).is_valid()


def test_scale_answer_is_kept_as_a_number():
    form = build_form("scale", data={"q": "5"})
    assert form.is_valid()
    assert form.cleaned_data["q"] == 5


def test_scale_names_its_ends_with_the_editors_words():
    form = build_form("scale", scale_low_label="fatalnie", scale_high_label="świetnie")
    labels = [label for _value, label in form.fields["q"].choices]
    assert labels == ["1 – fatalnie", "2", "3", "4", "5 – świetnie"]


def test_single_choice_refuses_an_option_not_offered():
    assert not build_form("radio", "Tak\nNie", data={"q": "Może"}).is_valid()


def test_multiple_choice_keeps_every_ticked_option():
    form = build_form("checkboxes", "Tak\nNie\nMoże", data={"q": ["Tak", "Może"]})
    assert form.is_valid()
    assert form.cleaned_data["q"] == ["Tak", "Może"]


def test_long_text_keeps_line_breaks():
    form = build_form("multiline", data={"q": "Pierwsza\nDruga"})
    assert form.is_valid()
    assert form.cleaned_data["q"] == "Pierwsza\nDruga"


@pytest.mark.parametrize("kind", ["singleline", "multiline", "radio", "checkboxes", "scale"])
def test_required_question_must_be_answered(kind):
    form = build_form(kind, "Tak\nNie", data={})
    assert not form.is_valid()
    assert "q" in form.errors


@pytest.mark.parametrize("kind", ["singleline", "multiline", "radio", "checkboxes", "scale"])
def test_optional_question_may_be_left_out(kind):
    assert build_form(kind, "Tak\nNie", required=False, data={}).is_valid()


@pytest.mark.parametrize("kind", ["radio", "checkboxes", "ranking"])
def test_question_with_options_needs_two_of_them(kind):
    question = SurveyQuestion(label="Pytanie", field_type=kind, choices="Tylko jedna")
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert "choices" in error.value.message_dict


def test_question_options_must_differ():
    question = SurveyQuestion(label="Pytanie", field_type="ranking", choices="Tak\nTak")
    with pytest.raises(ValidationError):
        question.clean()


# --- The page ----------------------------------------------------------------------------


def test_every_question_is_labelled_and_groups_have_a_legend(client, survey, resident):
    client.force_login(resident)
    response = client.get(survey.url)
    text = response.text
    assert response.status_code == 200
    assert '<label class="field__label" for="id_co_lubisz_w_parku">' in text
    assert '<label class="field__label" for="id_opisz_co_zmienic">' in text
    for question in ["Jak często bywasz w parku?", "Co robisz w parku?", "Jak oceniasz park?"]:
        assert f'<legend class="survey-fieldset__legend">{question}' in text
    assert text.count('type="radio" name="jak_oceniasz_park"') == 5
    assert "1 – very bad" in text
    assert text.count('<select name="co_jest_najwazniejsze_') == 3
    assert '<label class="field__label" for="id_co_jest_najwazniejsze_2">Place 3</label>' in text


def test_valid_answers_are_stored_and_lead_to_the_thank_you_page(client, survey, resident):
    client.force_login(resident)
    response = client.post(survey.url, VALID)
    assert response.status_code == 302
    assert response.url == survey.url + "dziekujemy/"
    stored = SurveyResponse.objects.get(page=survey)
    assert stored.form_data["jak_oceniasz_park"] == 4
    assert stored.form_data["co_jest_najwazniejsze"] == ["Zieleń", "Ławki", "Oświetlenie"]
    assert "Thank you for your answers" in client.get(response.url).text


def test_thank_you_page_sends_someone_who_did_not_answer_to_the_form(client, survey, resident):
    client.force_login(resident)
    response = client.get(survey.url + "dziekujemy/")
    assert response.status_code == 302
    assert response.url == survey.url


def test_invalid_answers_show_the_form_again_with_an_error_summary(client, survey, resident):
    client.force_login(resident)
    response = client.post(survey.url, {**VALID, "co_jest_najwazniejsze_1": "Zieleń"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text
    assert 'href="#id_co_jest_najwazniejsze_0"' in response.text
    assert "Each option can take only one place." in response.text
    assert not SurveyResponse.objects.exists()


def test_missing_required_answer_links_the_summary_to_the_question(client, survey, resident):
    client.force_login(resident)
    data = {key: value for key, value in VALID.items() if key != "jak_czesto_bywasz_w_parku"}
    response = client.post(survey.url, data)
    assert response.status_code == 400
    assert 'href="#id_jak_czesto_bywasz_w_parku_0"' in response.text


def test_second_visit_says_the_person_has_answered(client, survey, resident):
    client.force_login(resident)
    client.post(survey.url, VALID)
    text = client.get(survey.url).text
    assert "You have already answered this survey." in text
    assert '<form class="form survey-form"' not in text


def test_second_answer_is_refused_and_the_first_kept(client, survey, resident):
    client.force_login(resident)
    client.post(survey.url, VALID)
    response = client.post(survey.url, {**VALID, "jak_oceniasz_park": "1"})
    assert response.status_code == 403
    assert "You have already answered this survey." in response.text
    assert SurveyResponse.objects.get(page=survey).form_data["jak_oceniasz_park"] == 4


def test_database_holds_one_response_per_person_and_survey(survey, resident):
    respond(survey, {}, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        respond(survey, {}, user=resident)


def test_racing_second_answer_is_refused_by_the_constraint(survey, resident):
    respond(survey, {}, user=resident)
    # As if both requests passed the check before either stored its answers.
    with (
        mock.patch.object(selectors_survey, "has_answered", return_value=False),
        pytest.raises(AlreadyAnswered),
    ):
        survey_response_submit(survey=survey, user=resident, answers={})
    assert SurveyResponse.objects.filter(page=survey).count() == 1


def test_the_same_person_may_answer_two_surveys(consultation, resident):
    first, second = survey_page(consultation), survey_page(consultation)
    survey_response_submit(survey=first, user=resident, answers={})
    survey_response_submit(survey=second, user=resident, answers={})
    assert SurveyResponse.objects.filter(user=resident).count() == 2


def test_consultation_page_links_its_survey(client, consultation, survey):
    text = client.get(consultation.url).text
    assert f'href="{survey.url}"' in text
    assert "The survey is open until" in text


def test_survey_page_query_count_does_not_grow_with_questions(
    client, consultation, resident, django_assert_num_queries
):
    client.force_login(resident)
    small = survey_page(consultation, questions=[("Pytanie 0", "scale", "", True)])
    client.get(small.url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(small.url).status_code == 200
    expected = len(one.captured_queries)  # read now: the next request clears the log
    kinds = ["singleline", "multiline", "radio", "checkboxes", "scale", "ranking"]
    questions = [(f"Pytanie {n}", kinds[n % 6], "A\nB\nC", True) for n in range(20)]
    large = survey_page(consultation, questions=questions)
    client.get(large.url)
    with django_assert_num_queries(expected):
        assert client.get(large.url).status_code == 200


# --- Who may answer, and when --------------------------------------------------------------


def test_anonymous_visitor_is_asked_to_sign_in(client, survey):
    text = client.get(survey.url).text
    assert "Sign in or create an account to answer the survey." in text
    assert "/accounts/login/?next=" in text


def test_anonymous_answers_are_refused(client, survey):
    assert client.post(survey.url, VALID).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_unconfirmed_email_may_not_answer(client, survey):
    client.force_login(UserFactory())
    assert client.post(survey.url, VALID).status_code == 403


@pytest.fixture
def verified_only(home_page):
    return open_consultation(home_page, eligibility=ConsultationPage.Eligibility.VERIFIED)


def test_verified_only_survey_refuses_an_unverified_account(client, verified_only, resident):
    survey = survey_page(verified_only)
    client.force_login(resident)
    assert "Only verified residents of" in client.get(survey.url).text
    assert client.post(survey.url, VALID).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_verified_only_survey_accepts_a_verified_resident(client, verified_only, resident):
    survey = survey_page(verified_only)
    Verification.objects.create(
        user=resident, centre=verified_only.centre, method=Verification.Method.IN_PERSON
    )
    client.force_login(resident)
    assert client.post(survey.url, VALID).status_code == 302


def test_closed_survey_refuses_answers(client, consultation, resident):
    survey = survey_page(consultation, **closed_dates())
    client.force_login(resident)
    assert "The survey closed on" in client.get(survey.url).text
    assert client.post(survey.url, VALID).status_code == 403


def test_survey_without_dates_follows_the_consultations_acting_phases(home_page):
    now = timezone.now()
    upcoming = survey_page(open_consultation(home_page, current="information"))
    running = survey_page(open_consultation(home_page, current="discussion"))
    finished = survey_page(open_consultation(home_page, current="results"))
    assert selectors_survey.survey_state(upcoming, now) == selectors_survey.UPCOMING
    assert selectors_survey.survey_state(running, now) == selectors_survey.OPEN
    assert selectors_survey.survey_state(finished, now) == selectors_survey.CLOSED


def test_survey_dates_override_the_consultation(consultation):
    later = timezone.now() + datetime.timedelta(days=3)
    survey = survey_page(consultation, opens_at=later)
    assert selectors_survey.survey_state(survey) == selectors_survey.UPCOMING
    assert not survey_decision(survey, AnonymousUser())


def test_survey_must_close_after_it_opens(consultation):
    survey = survey_page(consultation, **closed_dates())
    survey.closes_at = survey.opens_at
    with pytest.raises(ValidationError):
        survey.clean()
