"""What a survey's answers add up to: the figures, the public summary, staff's open answers."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from accounts import roles
from consultations.models import ConsultationPage
from home.models import HomePage
from surveys import selectors as selectors_survey
from surveys.models import SurveyPage
from tests.accounts.staff_helpers import DENIED, LOGIN, NOT_FOUND, OK, outcome, staff
from tests.factories import CentrePageFactory
from tests.factories_proposals import confirmed_user, open_consultation
from tests.factories_survey import closed_dates, respond, survey_page

pytestmark = pytest.mark.usefixtures("_english")

TEXT = "Co lubisz w parku?"
OFTEN = "Jak często bywasz w parku?"
DOING = "Co robisz w parku?"
RATING = "Jak oceniasz park?"
ORDER = "Co jest najważniejsze?"
OPEN_ANSWER = "Stare drzewa nad stawem"
KNOWN_ANSWERS = [
    {
        TEXT: OPEN_ANSWER,
        OFTEN: "Codziennie",
        DOING: ["Spaceruję", "Biegam"],
        RATING: 5,
        ORDER: ["Zieleń", "Ławki", "Oświetlenie"],
    },
    {
        OFTEN: "Codziennie",
        DOING: ["Spaceruję"],
        RATING: 4,
        ORDER: ["Zieleń", "Oświetlenie", "Ławki"],
    },
    {OFTEN: "Rzadziej", DOING: [], RATING: 2, ORDER: ["Ławki", "Zieleń", "Oświetlenie"]},
    {OFTEN: "Co tydzień", RATING: 4, ORDER: ["Zieleń", "Ławki", "Oświetlenie"]},
]


@pytest.fixture
def _english():
    with override_settings(LANGUAGE_CODE="en"):
        yield


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page)


@pytest.fixture
def answered(consultation):
    """A survey that closed yesterday, with the four known responses."""
    survey = survey_page(consultation, **closed_dates())
    for answers in KNOWN_ANSWERS:
        respond(survey, answers, user=confirmed_user())
    return survey


def by_label(summary):
    return {item.question.label: item for item in summary}


def values(item):
    return {row["label"]: row["value"] for row in item.rows}


# --- The figures ---------------------------------------------------------------------------


def test_single_choice_counts_each_option(answered):
    item = by_label(selectors_survey.survey_summary(answered))[OFTEN]
    assert values(item) == {"Codziennie": 2, "Co tydzień": 1, "Rzadziej": 1}
    assert (item.answered, item.chart_total) == (4, 4)


def test_multiple_choice_counts_people_who_ticked_something(answered):
    item = by_label(selectors_survey.survey_summary(answered))[DOING]
    assert values(item) == {"Spaceruję": 2, "Biegam": 1, "Odpoczywam": 0}
    assert item.chart_total == 2  # shares of the two who answered: 100 % and 50 %


def test_scale_gives_its_distribution_and_mean(answered):
    item = by_label(selectors_survey.survey_summary(answered))[RATING]
    assert [row["value"] for row in item.rows] == [0, 1, 0, 2, 1]
    assert item.rows[0]["label"] == "1 – very bad"
    assert item.mean == Decimal("3.75")


def test_ranking_gives_average_places_best_first_and_points(answered):
    item = by_label(selectors_survey.survey_summary(answered))[ORDER]
    assert item.average_places == [
        ("Zieleń", Decimal("1.25")),
        ("Ławki", Decimal("2.00")),
        ("Oświetlenie", Decimal("2.75")),
    ]
    assert values(item) == {"Ławki": 8, "Zieleń": 11, "Oświetlenie": 5}


def test_text_question_gives_only_its_count_unless_asked_for_the_answers(answered):
    public = by_label(selectors_survey.survey_summary(answered))[TEXT]
    assert (public.answered, public.texts) == (1, [])
    for_staff = by_label(selectors_survey.survey_summary(answered, with_texts=True))[TEXT]
    assert for_staff.texts == [OPEN_ANSWER]


def test_survey_rows_give_each_answer_as_text_and_nothing_about_the_person(answered):
    rows = list(selectors_survey.survey_rows(answered))
    assert len(rows) == 4
    first = rows[0]
    assert set(first) == set(selectors_survey.survey_columns(answered))
    assert first[ORDER] == "1. Zieleń; 2. Ławki; 3. Oświetlenie"
    assert first[DOING] == "Spaceruję; Biegam"
    assert first[RATING] == "5"
    assert rows[3][DOING] == ""
    assert not any("@" in str(value) for row in rows for value in row.values())


# --- The public summary ---------------------------------------------------------------------


def results_url(survey):
    return survey.url + "wyniki/"


def test_closed_survey_publishes_its_figures(client, answered):
    text = client.get(results_url(answered)).text
    assert "4 people answered the survey." in text
    assert "50.0%" in text  # "Codziennie": 2 of 4
    assert "Average: 3.75 out of 5." in text
    assert 'class="chart__svg"' in text


def test_public_summary_never_shows_open_answers(client, answered):
    assert OPEN_ANSWER not in client.get(results_url(answered)).text


def test_open_survey_keeps_its_figures_hidden(client, consultation):
    survey = survey_page(consultation)
    respond(survey, KNOWN_ANSWERS[0], user=confirmed_user())
    text = client.get(results_url(survey)).text
    assert "The results will be published here when the survey closes." in text
    assert "chart__svg" not in text


def test_editor_may_show_figures_while_open(client, consultation):
    survey = survey_page(consultation, show_results_while_open=True)
    respond(survey, KNOWN_ANSWERS[0], user=confirmed_user())
    text = client.get(results_url(survey)).text
    assert "these figures will change" in text
    assert "chart__svg" in text


def test_results_page_query_count_does_not_grow_with_responses_or_questions(
    client, consultation, django_assert_num_queries
):
    small = survey_page(
        consultation, questions=[("Pytanie 0", "scale", "", True)], **closed_dates()
    )
    respond(small, {"Pytanie 0": 3})
    client.get(results_url(small))
    with CaptureQueriesContext(connection) as one:
        client.get(results_url(small))
    expected = len(one.captured_queries)
    kinds = ["singleline", "radio", "checkboxes", "scale", "ranking"]
    questions = [(f"Pytanie {n}", kinds[n % 5], "A\nB\nC", False) for n in range(20)]
    large = survey_page(consultation, questions=questions, **closed_dates())
    answers = {
        "Pytanie 1": "A",
        "Pytanie 2": ["A", "C"],
        "Pytanie 3": 4,
        "Pytanie 4": ["C", "A", "B"],
    }
    for _n in range(20):
        respond(large, answers)
    client.get(results_url(large))
    with django_assert_num_queries(expected):
        response = client.get(results_url(large))
    assert "20 people answered the survey." in response.text


# --- Staff ---------------------------------------------------------------------------------


def answers_url(survey):
    return reverse("surveys_answers:index", args=[survey.pk])


def test_centre_official_reads_the_open_answers(client, answered):
    client.force_login(staff(answered.centre, roles.OFFICIAL))
    response = client.get(answers_url(answered))
    assert outcome(response) == OK
    assert OPEN_ANSWER in response.text


def test_official_of_another_centre_does_not_find_the_answers(client, answered, home_page):
    other = CentrePageFactory(parent=home_page)
    client.force_login(staff(other, roles.OFFICIAL))
    assert outcome(client.get(answers_url(answered))) == NOT_FOUND


def test_resident_cannot_open_the_answers(client, answered):
    client.force_login(confirmed_user())
    assert outcome(client.get(answers_url(answered))) in {DENIED, LOGIN}


def test_editor_of_another_centre_cannot_list_wagtails_submissions(client, answered, home_page):
    other = CentrePageFactory(parent=home_page)
    client.force_login(staff(other, roles.EDITOR))
    url = reverse("wagtailforms:list_submissions", args=[answered.pk])
    assert outcome(client.get(url)) == DENIED


def test_wagtails_csv_export_carries_answers_but_no_email(client, answered):
    client.force_login(staff(answered.centre, roles.EDITOR))
    url = reverse("wagtailforms:list_submissions", args=[answered.pk]) + "?export=csv"
    response = client.get(url)
    content = b"".join(response.streaming_content).decode() if response.streaming else response.text
    assert response.status_code == 200
    assert OPEN_ANSWER in content
    assert "@example.org" not in content


def test_staff_answers_query_count_does_not_grow_with_responses(
    client, consultation, django_assert_num_queries
):
    client.force_login(staff(consultation.centre, roles.OFFICIAL))
    survey = survey_page(consultation, questions=[("Uwagi", "multiline", "", False)])
    respond(survey, {"Uwagi": "Pierwsza uwaga"})
    client.get(answers_url(survey))
    with CaptureQueriesContext(connection) as one:
        client.get(answers_url(survey))
    expected = len(one.captured_queries)
    for n in range(19):
        respond(survey, {"Uwagi": f"Uwaga {n}"})
    with django_assert_num_queries(expected):
        response = client.get(answers_url(survey))
    assert "Uwaga 18" in response.text


# --- The admin -----------------------------------------------------------------------------


class SurveyAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.consultation = open_consultation(HomePage.objects.get())

    def test_survey_lives_under_a_consultation(self):
        self.assertAllowedParentPageTypes(SurveyPage, {ConsultationPage})
        self.assertCanCreateAt(ConsultationPage, SurveyPage)

    def test_editor_creates_a_survey_with_questions(self):
        question = {
            "label": "",
            "help_text": "",
            "field_type": "",
            "choices": "",
            "scale_low_label": "",
            "scale_high_label": "",
        }
        self.assertCanCreate(
            self.consultation,
            SurveyPage,
            nested_form_data(
                {
                    "title": "Ankieta o parku",
                    "slug": "ankieta-o-parku",
                    "intro": rich_text("<p>Pięć minut.</p>"),
                    "thank_you_text": rich_text(""),
                    "form_fields": inline_formset(
                        [
                            question
                            | {
                                "label": "Jak oceniasz park?",
                                "field_type": "scale",
                                "required": "on",
                                "scale_low_label": "fatalnie",
                                "scale_high_label": "świetnie",
                            },
                            question
                            | {
                                "label": "Co jest najważniejsze?",
                                "field_type": "ranking",
                                "choices": "Ławki\nZieleń",
                            },
                        ],
                        min=1,
                    ),
                    "opens_at": "",
                    "closes_at": "",
                }
            ),
        )
        survey = SurveyPage.objects.get(slug="ankieta-o-parku")
        kinds = [question.field_type for question in survey.form_fields.all()]
        assert kinds == ["scale", "ranking"]
        assert survey.form_fields.first().clean_name == "jak_oceniasz_park"

    def test_editor_previews_a_new_survey(self):
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["surveys", "surveypage", self.consultation.pk],
        )
        data = nested_form_data(
            {
                "title": "Ankieta",
                "slug": "ankieta",
                "intro": rich_text(""),
                "thank_you_text": rich_text(""),
                "form_fields": inline_formset(
                    [
                        {
                            "label": "Jak oceniasz park?",
                            "help_text": "",
                            "field_type": "scale",
                            "choices": "",
                            "scale_low_label": "",
                            "scale_high_label": "",
                        }
                    ],
                    min=1,
                ),
                "opens_at": "",
                "closes_at": "",
            }
        )
        assert self.client.post(url, data).json()["is_valid"]
        response = self.client.get(url)
        assert response.status_code == 200
        assert 'name="jak_oceniasz_park"' in response.content.decode()

    def test_ranking_with_one_option_is_refused_in_the_admin(self):
        url = reverse(
            "wagtailadmin_pages:add", args=["surveys", "surveypage", self.consultation.pk]
        )
        data = nested_form_data(
            {
                "title": "Ankieta",
                "slug": "ankieta",
                "intro": rich_text(""),
                "thank_you_text": rich_text(""),
                "form_fields": inline_formset(
                    [
                        {
                            "label": "Kolejność",
                            "help_text": "",
                            "field_type": "ranking",
                            "choices": "Tylko jedna",
                            "scale_low_label": "",
                            "scale_high_label": "",
                        }
                    ],
                    min=1,
                ),
                "opens_at": "",
                "closes_at": "",
            }
        )
        response = self.client.post(url, data)
        assert response.status_code == 200  # the form again, not a redirect to the new page
        assert not SurveyPage.objects.filter(slug="ankieta").exists()


def test_centre_official_finds_the_answers_button_in_the_page_explorer(client, answered):
    client.force_login(staff(answered.centre, roles.OFFICIAL))
    response = client.get(reverse("wagtailadmin_explore", args=[answered.pk]))
    assert response.status_code == 200
    assert answers_url(answered) in response.text
