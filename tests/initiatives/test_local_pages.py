"""The local initiative application's pages: start, the sections form, the public page, PDF."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from initiatives.models import LocalInitiativeApplication
from initiatives.services import local_initiative as local
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, resident, running
from tests.initiatives.local_helpers import criteria, draft, member, ready, terms

pytestmark = pytest.mark.django_db
App = LocalInitiativeApplication


@pytest.fixture
def initiative(home_page, settings):
    settings.MAM_PAGE_CACHE = False
    return running(centre_with_index(home_page)[1])


def url(application, name="local_detail"):
    return application.index.sub_url(name, pk=application.pk)


def form_data(**overrides):
    data = {
        "title": "Zielone podwórko",
        "applicant_name": "Sąsiedzi z Lwowskiej",
        "area": "nature",
        "description": "Posadzimy drzewa.",
        "place": "ul. Lwowska 12",
        "starts_on": "2027-04-01",
        "ends_on": "2027-06-30",
        "costs-TOTAL_FORMS": "2",
        "costs-INITIAL_FORMS": "0",
        "costs-0-description": "Sadzonki",
        "costs-0-amount": "3200",
        "costs-1-description": "",
        "costs-1-amount": "",
        "contributions-TOTAL_FORMS": "2",
        "contributions-INITIAL_FORMS": "0",
        "contributions-0-kind": "work",
        "contributions-0-description": "Sadzenie",
        "contributions-0-hours": "40",
        "contributions-0-value": "",
        "contributions-1-kind": "in_kind",
        "contributions-1-description": "Łopaty",
        "contributions-1-hours": "",
        "contributions-1-value": "300",
    }
    data.update(overrides)
    return data


def test_the_coordinator_starts_an_application_from_the_initiative(client, initiative):
    client.force_login(initiative.started_by)
    start = initiative.index.sub_url("local_create") + f"?inicjatywa={initiative.pk}"
    response = client.post(start, {"title": "Zielone podwórko"})
    application = App.objects.get()
    assert response.status_code == 302
    assert application.initiative == initiative
    assert response["Location"].endswith(url(application, "local_edit"))


def test_the_form_saves_every_section_without_javascript(client, initiative):
    terms(initiative.centre)
    application = local.application_start(
        index=initiative.index, user=initiative.started_by, title="X", initiative=initiative
    )
    client.force_login(initiative.started_by)
    assert client.get(url(application, "local_edit")).status_code == 200
    response = client.post(url(application, "local_edit"), form_data(ready="1"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == App.State.READY
    assert local.totals(application).contribution == Decimal("1500.00")


def test_bad_input_shows_the_error_summary(client, initiative):
    application = draft(initiative)
    client.force_login(initiative.started_by)
    response = client.post(url(application, "local_edit"), form_data(**{"costs-0-amount": "x"}))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text


def test_marking_an_incomplete_draft_ready_lists_what_is_missing(client, initiative):
    application = local.application_start(
        index=initiative.index, user=initiative.started_by, title="X", initiative=initiative
    )
    client.force_login(initiative.started_by)
    response = client.post(url(application, "local_edit"), form_data(description="", ready="1"))
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    application.refresh_from_db()
    assert application.state == App.State.DRAFT


def test_a_plain_member_cannot_open_the_form(client, initiative):
    application = draft(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    client.force_login(neighbour)
    assert client.get(url(application, "local_edit")).status_code in (403, 404)


def test_opening_the_form_of_a_ready_application_leads_to_correcting_it(client, initiative):
    application = ready(initiative)
    client.force_login(initiative.started_by)
    response = client.get(url(application, "local_edit"), follow=True)
    assert response.redirect_chain[-1][0].endswith(url(application))
    assert "Popraw wniosek" in response.text
    assert "oznaczony jako gotowy do złożenia" in response.text


def test_opening_the_form_of_a_filed_application_says_it_is_final(client, initiative):
    application = ready(initiative)
    App.objects.filter(pk=application.pk).update(state=App.State.FILED)
    client.force_login(initiative.started_by)
    response = client.get(url(application, "local_edit"), follow=True)
    assert response.redirect_chain[-1][0].endswith(url(application))
    assert "nie można go już zmienić" in response.text
    assert "Popraw wniosek" not in response.text


def test_a_draft_is_not_public(client, initiative):
    application = draft(initiative)
    assert client.get(url(application)).status_code == 404


def test_pledged_hours_read_with_one_decimal_as_entered(client, initiative):
    application = ready(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    local.pledge_add(application=application, user=neighbour, kind="work", hours=Decimal("9.5"))
    page = client.get(url(application)).content.decode()
    assert ">9,5<" in page
    assert "9,50" not in page


def test_the_public_page_shows_totals_pledges_and_the_evaluation(client, initiative):
    application = ready(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    local.pledge_add(application=application, user=neighbour, kind="work", hours=Decimal(40))
    first, second = criteria(initiative.centre)
    local.evaluation_record(
        application=application,
        staff=organiser(initiative.centre),
        scores={first.pk: (8, "Dużo pracy"), second.pk: (4, "")},
    )
    page = client.get(url(application)).content.decode()
    assert "1\xa0700,00" in page  # the contribution total, as Polish writes it
    assert "Dużo pracy" in page
    assert "12 / 15" in page


def test_the_public_page_writes_amounts_and_hours_as_polish_readers_expect(client, initiative):
    application = ready(initiative)
    page = client.get(url(application)).content.decode()
    assert '<td class="numeric">4\xa0000,00</td>' in page  # total cost: grouped, comma
    assert '<td class="numeric">40</td>' in page  # hours of work without ",00"
    assert "42,5%" in page  # the contribution's share of the cost
    assert "4000.00" not in page


def test_the_initiatives_page_links_to_its_application(client, initiative):
    application = ready(initiative)
    page = client.get(initiative.get_absolute_url()).content.decode()
    assert url(application) in page


def test_a_member_pledges_hours_on_the_page(client, initiative):
    application = ready(initiative)
    neighbour = member(initiative, resident(initiative.centre))
    client.force_login(neighbour)
    response = client.post(url(application, "local_pledge"), {"kind": "work", "hours": "6"})
    assert response.status_code == 302
    assert application.pledges.get().hours == 6


def test_an_outsider_cannot_pledge(client, initiative):
    application = ready(initiative)
    client.force_login(confirmed_user())
    response = client.post(url(application, "local_pledge"), {"kind": "work", "hours": "6"})
    assert response.status_code == 403
    assert not application.pledges.exists()


def pdf_text(client, application):
    response = client.get(url(application, "local_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_every_section_in_polish(client, initiative):
    application = ready(initiative)
    _reader, text = pdf_text(client, application)
    for heading in ("Zadanie publiczne", "Miejsce i termin", "Budżet", "Wkład własny"):
        assert heading in text


def test_the_pdf_is_addressed_to_the_town_not_the_centre(client, initiative):
    _reader, text = pdf_text(client, ready(initiative))
    assert "organ wykonawczy gminy Nowy Sącz" in " ".join(text.split())
    assert initiative.centre.title not in text


def test_the_pdf_prints_the_contribution_table_with_totals(client, initiative):
    application = ready(initiative)
    _reader, text = pdf_text(client, application)
    text = text.replace("\xa0", " ")
    assert "4 000,00" in text  # total cost
    assert "1 200,00" in text  # 40 hours × 30 PLN
    assert "1 700,00" in text  # total contribution


def test_the_pdf_keeps_polish_letters_with_only_embedded_fonts(client, initiative):
    application = ready(initiative)
    reader, text = pdf_text(client, application)
    assert "Łopaty i taczki sąsiadów" in text
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            assert str(font["/BaseFont"]).split("+")[-1].startswith("MAM-Report-Sans")


def count(client, path, django_assert_max_num_queries, limit=30):
    client.get(path)
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_public_page_query_count_does_not_grow(
    client, initiative, django_assert_max_num_queries
):
    application = ready(initiative)
    local.pledge_add(
        application=application,
        user=member(initiative, resident(initiative.centre)),
        kind="work",
        hours=Decimal(1),
    )
    one = count(client, url(application), django_assert_max_num_queries)
    for _n in range(4):
        local.pledge_add(
            application=application,
            user=member(initiative, resident(initiative.centre)),
            kind="work",
            hours=Decimal(1),
        )
    many = count(client, url(application), django_assert_max_num_queries)
    assert one == many


def test_the_editors_page_query_count_does_not_grow(
    client, initiative, django_assert_max_num_queries
):
    application = ready(initiative)
    client.force_login(initiative.started_by)
    local.pledge_add(
        application=application,
        user=member(initiative, resident(initiative.centre)),
        kind="work",
        hours=Decimal(1),
    )
    one = count(client, url(application), django_assert_max_num_queries)
    for _n in range(4):
        local.pledge_add(
            application=application,
            user=member(initiative, resident(initiative.centre)),
            kind="work",
            hours=Decimal(1),
        )
    many = count(client, url(application), django_assert_max_num_queries)
    assert one == many
