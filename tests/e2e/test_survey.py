"""Answering a survey in the browser, with and without JavaScript; axe on the form, its error
state and the published summary."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from surveys.models import SurveyResponse
from tests.e2e.test_accessibility import WCAG_AA
from tests.factories import CentrePageFactory
from tests.factories_consultations import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    with_phases,
)
from tests.factories_proposals import confirmed_user
from tests.factories_survey import closed_dates, respond, survey_page


@pytest.fixture
def consultation(page_tree):
    centre = CentrePageFactory(parent=page_tree, slug="nowy-sacz", title="MAM Nowy Sącz")
    index = ConsultationIndexPageFactory(parent=centre)
    return with_phases(
        ConsultationPageFactory(parent=index, title="Park nad Kamienicą"), current="proposals"
    )


def answer(page):
    page.fill("#id_co_lubisz_w_parku", "Stare drzewa")
    page.check("#id_jak_czesto_bywasz_w_parku_1")
    page.check("#id_co_robisz_w_parku_0")
    page.check("#id_co_robisz_w_parku_2")
    page.check("#id_jak_oceniasz_park_3")
    page.select_option("#id_co_jest_najwazniejsze_0", "Zieleń")
    page.select_option("#id_co_jest_najwazniejsze_1", "Oświetlenie")
    page.select_option("#id_co_jest_najwazniejsze_2", "Ławki")
    with page.expect_navigation():
        page.locator("main form.survey-form button[type=submit]").click()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_resident_answers_the_survey(
    javascript, consultation, live_server, browser, screenshot, share_session
):
    survey = survey_page(consultation)
    user = confirmed_user()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="pl-PL", java_script_enabled=javascript
    )
    share_session(context, user)
    page = context.new_page()
    page.goto(live_server.url + consultation.url)
    with page.expect_navigation():
        page.locator(f"main a[href='{survey.url}']").click()
    answer(page)
    screenshot(page, "thanks")
    assert page.url.endswith("/dziekujemy/")
    stored = SurveyResponse.objects.get(page=survey, user=user)
    assert stored.form_data["co_jest_najwazniejsze"] == ["Zieleń", "Oświetlenie", "Ławki"]
    assert stored.form_data["jak_oceniasz_park"] == 4
    context.close()


@pytest.mark.django_db(transaction=True)
def test_survey_form_and_its_errors_have_no_violations(
    consultation, live_server, browser, screenshot, share_session
):
    survey = survey_page(consultation)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="pl-PL")
    share_session(context, confirmed_user())
    page = context.new_page()
    page.goto(live_server.url + survey.url)
    screenshot(page, "form")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()

    with page.expect_navigation():
        page.locator("main form.survey-form button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    screenshot(page, "errors")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_survey_summary_has_no_violations(consultation, live_server, phone_context, screenshot):
    survey = survey_page(consultation, **closed_dates())
    respond(
        survey,
        {
            "Co lubisz w parku?": "Ławki",
            "Jak często bywasz w parku?": "Codziennie",
            "Co robisz w parku?": ["Biegam"],
            "Jak oceniasz park?": 5,
            "Co jest najważniejsze?": ["Ławki", "Zieleń", "Oświetlenie"],
        },
    )
    page = phone_context.new_page()
    page.goto(live_server.url + survey.url + "wyniki/")
    assert page.locator(".chart__svg").count() == 4
    screenshot(page, "summary")
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
