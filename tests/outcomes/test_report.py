"""The council report: what it says about a finished civic budget, its PDF, and who may print it."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from accounts import roles
from home.models import District
from outcomes.models import ExportJob
from tests.accounts.staff_helpers import DENIED, outcome
from tests.factories import CentrePageFactory
from tests.factories_proposals import (
    CommentFactory,
    PledgeFactory,
    SupportFactory,
    confirmed_user,
)
from tests.factories_voting import Method, voting_consultation
from tests.outcomes.exports_helpers import body_of
from tests.voting.paper_helpers import settle_paper
from voting.services import results, voting

pytestmark = pytest.mark.django_db

POLISH_TITLE = "Zażółć gęślą jaźń: ławki przy źródełku"


def official_of(centre):
    user = confirmed_user(first_name="Łucja", last_name="Żółkiewska")
    user.groups.add(roles.centre_groups_ensure(centre)[roles.OFFICIAL])
    return user


def close_voting(consultation):
    phase = consultation.phases.get(kind="voting")
    phase.closed_early_at = timezone.now()
    phase.save()


def finished_budget(home_page, proposals=3, votes=((0,), (0,), (0, 2), (1,), (1, 2)), paper=True):
    """A civic budget whose vote closed and whose result an official published."""
    costs = [600, 500, 300] + [100] * (proposals - 3)
    consultation, items = voting_consultation(
        home_page, method=Method.BUDGET, costs=costs[:proposals], budget=1000
    )
    items[0].title = POLISH_TITLE
    items[0].save()
    for chosen in votes:
        voting.cast_ballot(
            user=confirmed_user(),
            consultation=consultation,
            proposal_ids=[items[i].pk for i in chosen if i < len(items)],
        )
    official = official_of(consultation.centre)
    if paper:
        voting.enter_paper_ballot(
            consultation=consultation, paper_number=1, by=official, proposal_ids=[items[-1].pk]
        )
        settle_paper(consultation)
    close_voting(consultation)
    snapshot = results.publish_results(consultation=consultation, by=official)
    return consultation, items, official, snapshot


def report_url(consultation):
    return reverse("outcomes_report:html", args=[consultation.pk])


def pdf_url(consultation):
    return reverse("outcomes_report:pdf", args=[consultation.pk])


def pdf_download(client, consultation):
    """Ask for the PDF (a background job, run at once by the tests' immediate backend), then
    download the job's file: (response, body)."""
    started = client.get(pdf_url(consultation))
    job = ExportJob.objects.filter(kind="council_report").latest("pk")
    assert started.url == reverse("outcomes_exports:job", args=[job.pk])
    response = client.get(reverse("outcomes_exports:job_download", args=[job.pk]))
    return response, body_of(response)


@pytest.fixture
def finished(home_page):
    return finished_budget(home_page)


def english_get(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def test_report_has_every_section(client, finished):
    consultation, _items, official, _snapshot = finished
    client.force_login(official)
    response = english_get(client, report_url(consultation))
    assert response.status_code == 200
    for heading in (
        "Purpose and rules",
        "Timeline",
        "Participation",
        "Results of the vote",
        "Proposals and official answers",
        "Counting method and checksums",
        "Prepared by",
        "Approved by",
    ):
        assert heading in response.text


def test_report_gives_the_checksums_and_code_version_of_the_published_result(client, finished):
    consultation, _items, official, snapshot = finished
    client.force_login(official)
    text = english_get(client, report_url(consultation)).text
    assert snapshot.ballots_checksum in text
    assert snapshot.csv_checksum in text
    assert snapshot.code_version in text


def test_report_counts_voters_online_and_on_paper_and_the_funded_proposals(client, finished):
    consultation, items, official, _snapshot = finished
    client.force_login(official)
    report = english_get(client, report_url(consultation)).context["report"]
    figures = report.figures
    assert (figures.voters, figures.votes_online, figures.votes_paper) == (6, 5, 1)
    lines = {line.proposal.pk: line for line in report.proposals}
    assert [lines[item.pk].selected for item in items] == [True, False, True]
    assert [lines[item.pk].votes for item in items] == [3, 2, 3]


def test_report_shows_each_proposal_with_its_official_answer(client, home_page):
    # The answers are written when the result is published, in the language active then.
    with translation.override("en"):
        consultation, _items, official, _snapshot = finished_budget(home_page)
    client.force_login(official)
    text = english_get(client, report_url(consultation)).text
    assert "Selected in the vote with 3 votes." in text
    assert "Not selected in the vote (2 votes)." in text


def test_people_are_counted_once_whatever_they_did(home_page):
    from outcomes.report import council_report

    consultation, (proposal, *_rest) = voting_consultation(home_page, current="proposals")
    resident = confirmed_user()
    CommentFactory(proposal=proposal, author=resident)
    SupportFactory(proposal=proposal, user=resident)
    PledgeFactory(proposal=proposal, user=resident)
    figures = council_report(consultation).figures
    # Three authors from the factory, and the resident who commented, supported and helped.
    assert (figures.people, figures.comments, figures.supports, figures.pledges) == (4, 1, 1, 1)


def test_the_pdf_is_a_pdf_named_after_the_consultation(client, finished):
    consultation, _items, official, _snapshot = finished
    client.force_login(official)
    response, body = pdf_download(client, consultation)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    assert f'filename="report-{consultation.slug}.pdf"' in response["Content-Disposition"]


def test_the_pdf_renders_polish_characters_with_embedded_fonts(client, finished):
    consultation, _items, official, _snapshot = finished
    client.force_login(official)
    reader = PdfReader(io.BytesIO(pdf_download(client, consultation)[1]))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert POLISH_TITLE in text
    assert "Żółkiewska" in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    # Only the report's own files (DejaVu Sans, named after the @font-face family): a
    # system font standing in would carry its own name.
    assert fonts == {"MAM-Report-Sans", "MAM-Report-Sans-Bold"}


def test_the_pdf_does_not_fetch_urls_from_the_page_content(client, finished):
    consultation, _items, official, _snapshot = finished
    consultation.rules = '<p>Zasady <img src="http://127.0.0.1:9/tracker.png" alt=""></p>'
    consultation.save()
    client.force_login(official)
    response, body = pdf_download(client, consultation)
    assert body.startswith(b"%PDF")  # the image is refused, the report still renders


def test_the_consultations_admin_page_offers_the_council_report(client, finished):
    consultation, _items, official, _snapshot = finished
    client.force_login(official)
    response = client.get(reverse("wagtailadmin_explore", args=[consultation.pk]))
    assert response.status_code == 200
    assert report_url(consultation) in response.text


@pytest.mark.parametrize("url", [report_url, pdf_url])
def test_a_resident_cannot_see_the_report(client, finished, url):
    consultation, *_rest = finished
    client.force_login(confirmed_user())
    response = client.get(url(consultation))
    assert response.status_code in (302, 403)
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("url", [report_url, pdf_url])
def test_another_centres_official_cannot_see_the_report(client, finished, home_page, url):
    consultation, *_rest = finished
    client.force_login(official_of(CentrePageFactory(parent=home_page)))
    response = client.get(url(consultation))
    assert outcome(response) == DENIED  # Wagtail's refusal: back to the dashboard, with a message
    assert b"%PDF" not in response.content


def test_an_administrator_may_see_the_report(admin_client, finished):
    consultation, *_rest = finished
    assert admin_client.get(report_url(consultation)).status_code == 200


def test_report_is_available_before_results_are_published(client, home_page):
    consultation, _items = voting_consultation(home_page)
    client.force_login(official_of(consultation.centre))
    response = english_get(client, report_url(consultation))
    assert response.status_code == 200
    assert "The results have not been published yet." in response.text


def report_queries(client, consultation, official) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(official)
    client.get(report_url(consultation))  # warm the caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(report_url(consultation)).status_code == 200
    return len(queries)


def test_report_query_count_does_not_grow_with_proposals(client, home_page):
    one = finished_budget(home_page, proposals=3, votes=((0,),))
    many = finished_budget(home_page, proposals=20, votes=((0,), (3, 4), (5,)))
    for _consultation, items, *_rest in (one, many):
        CommentFactory(proposal=items[0])
        SupportFactory(proposal=items[-1])
    assert report_queries(client, one[0], one[2]) == report_queries(client, many[0], many[2])


def test_district_breakdown_shows_small_groups_as_less_than_five(client, home_page):
    from outcomes.report import council_report

    consultation, (proposal, *_rest) = voting_consultation(home_page, current="proposals")
    centre = consultation.centre
    big = District.objects.create(centre=centre, name="Śródmieście")
    small = District.objects.create(centre=centre, name="Zabełcze")
    proposal.district = big
    proposal.save()
    for _ in range(6):
        SupportFactory(proposal=proposal, user=confirmed_user(district=big))
    for _ in range(2):
        SupportFactory(proposal=proposal, user=confirmed_user(district=small))
    rows = {row.name: row for row in council_report(consultation).by_district}
    assert rows["Zabełcze"].people == "<5"
    assert rows["Śródmieście"].people == 6
    assert rows["Śródmieście"].proposals == 1
    client.force_login(official_of(centre))
    assert "&lt;5" in english_get(client, report_url(consultation)).text


def test_survey_section_summarises_the_consultations_survey(client, home_page):
    from tests.factories_survey import respond, survey_page

    consultation, _items = voting_consultation(home_page)
    survey = survey_page(
        consultation,
        questions=[
            ("Czy chodzisz do świetlicy?", "radio", "Tak\nNie", True),
            ("Co zmienić?", "multiline", "", False),
        ],
    )
    for answer in ["Tak", "Tak", "Nie"]:
        respond(survey, {"Czy chodzisz do świetlicy?": answer, "Co zmienić?": "Dłużej otwarte"})
    client.force_login(official_of(consultation.centre))
    text = english_get(client, report_url(consultation)).text
    assert 'id="survey"' in text
    assert "Czy chodzisz do świetlicy?" in text
    assert "3 written answers." in text
    assert "Dłużej otwarte" not in text  # open answers stay with staff, not in the report


def test_survey_section_shows_the_summaries_the_surveys_app_hands_over(
    client, home_page, monkeypatch
):
    from surveys import selectors

    summaries = lambda consultation: [  # noqa: E731
        {
            "title": "Ankieta o świetlicy",
            "responses": 7,
            "questions": [
                {"text": "Czy chodzisz do świetlicy?", "rows": [{"label": "Tak", "value": 5}]},
                {"text": "Co zmienić?", "answers_count": 3},
            ],
        }
    ]
    monkeypatch.setattr(selectors, "survey_summaries", summaries)
    consultation, _items = voting_consultation(home_page)
    client.force_login(official_of(consultation.centre))
    text = english_get(client, report_url(consultation)).text
    assert 'id="survey"' in text
    assert "Ankieta o świetlicy" in text
    assert "Czy chodzisz do świetlicy?" in text
    assert "3 written answers." in text


def test_a_district_hidden_to_protect_another_is_labelled_hidden_not_less_than_five(home_page):
    from outcomes.report import council_report

    consultation, (proposal, *_rest) = voting_consultation(home_page, current="proposals")
    big = District.objects.create(centre=consultation.centre, name="Śródmieście")
    small = District.objects.create(centre=consultation.centre, name="Zabełcze")
    for _ in range(16):
        SupportFactory(proposal=proposal, user=confirmed_user(district=big))
    SupportFactory(proposal=proposal, user=confirmed_user(district=small))
    with translation.override("pl"):
        report = council_report(consultation)
    people = {row.name: row.people for row in report.by_district}
    assert people["Zabełcze"] == "<5"
    # Only these two (and perhaps "not given") have people: one more cell must hide, honestly.
    assert sum(1 for value in people.values() if not isinstance(value, int)) >= 2
    assert all(value != "<5" for name, value in people.items() if name == "Śródmieście")
    assert people["Śródmieście"] in (16, "ukryte")


def test_the_report_flags_a_tie_that_decided_the_winner(client, home_page):
    consultation, (first, second) = voting_consultation(
        home_page, proposals=2, max_choices=1, winners=1
    )
    for chosen in (first, second, first, second):
        voting.cast_ballot(
            user=confirmed_user(), consultation=consultation, proposal_ids=[chosen.pk]
        )
    official = official_of(consultation.centre)
    close_voting(consultation)
    results.publish_results(consultation=consultation, by=official)
    client.force_login(official)
    text = english_get(client, report_url(consultation)).text
    assert "A tie decided the result" in text
    assert "the one submitted earlier (with the lower number) comes first" in text
