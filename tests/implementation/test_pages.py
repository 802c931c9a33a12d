"""Public pages: the consultation's funded projects, the map's GeoJSON, the proposal's record
and the centre's overview across the years' votes."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.models import District
from implementation import services
from implementation.models import Status
from outcomes.report import _extra_sections
from proposals.models import Proposal
from tests.factories_proposals import ProposalFactory
from tests.implementation.conftest import update

pytestmark = pytest.mark.django_db


def list_url(consultation, **query):
    url = consultation.sub_url("implementation_list")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def test_the_list_shows_each_funded_project_with_progress_and_polish_money(
    client, record, official, consultation
):
    update(
        record, official, status=Status.IN_PROGRESS, percent_done=45, money_spent=Decimal("54321.5")
    )
    html = client.get(list_url(consultation), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Plac zabaw przy Lwowskiej" in html
    assert "45%" in html
    assert "54\xa0321,50 zł" in html
    assert "120\xa0000,00 zł" in html


def add_records(consultation, official, count, **fields):
    made = []
    for _ in range(count):
        proposal = ProposalFactory(
            consultation=consultation, status=Proposal.Status.SELECTED, **fields
        )
        made.append(services.implementation_create(proposal=proposal, by=official))
    return made


def test_the_list_filters_by_status(client, record, official, consultation):
    other = add_records(consultation, official, 1, title="Chodnik na Zawadzie")[0]
    update(other, official, status=Status.DELAYED, reason="Brak wykonawcy.")
    html = client.get(list_url(consultation, status="delayed")).content.decode()
    assert "Chodnik na Zawadzie" in html
    assert "Plac zabaw przy Lwowskiej" not in html


def test_the_list_filters_by_district(client, record, official, consultation, centre):
    district = District.objects.create(centre=centre, name="Wólki")
    add_records(consultation, official, 1, title="Ławki w Wólkach", district=district)
    html = client.get(list_url(consultation, district=district.pk)).content.decode()
    assert "Ławki w Wólkach" in html
    assert "Plac zabaw przy Lwowskiej" not in html


@pytest.mark.parametrize("query", [{"status": "nonsense"}, {"district": "99999999999999999999"}])
def test_a_bad_filter_shows_everything_instead_of_failing(client, record, consultation, query):
    response = client.get(list_url(consultation, **query))
    assert response.status_code == 200
    assert "Plac zabaw przy Lwowskiej" in response.content.decode()


def test_the_totals_add_up_planned_and_spent(client, record, official, consultation):
    update(record, official, money_spent=Decimal("1000"))
    other = add_records(consultation, official, 1, estimated_cost=Decimal("30000"))[0]
    update(other, official, money_spent=Decimal("500"))
    html = client.get(list_url(consultation), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "150\xa0000,00 zł" in html
    assert "1\xa0500,00 zł" in html


def test_the_list_costs_the_same_queries_for_one_or_many_projects(
    client, record, official, consultation
):
    client.get(list_url(consultation))  # warm the site and page caches
    with CaptureQueriesContext(connection) as one:
        client.get(list_url(consultation))
    add_records(consultation, official, 8)
    with CaptureQueriesContext(connection) as many:
        client.get(list_url(consultation))
    assert len(many) == len(one)


def test_the_geojson_has_the_projects_with_a_point(client, record, official, consultation):
    with_point = add_records(
        consultation, official, 1, latitude=Decimal("49.62"), longitude=Decimal("20.69")
    )[0]
    data = client.get(consultation.sub_url("implementation_geojson")).json()
    assert [f["properties"]["id"] for f in data["features"]] == [with_point.proposal_id]


def test_the_proposal_page_shows_its_record_and_timeline(client, record, official, funded):
    update(record, official, status=Status.DELAYED, reason="Czekamy na pozwolenie.")
    html = client.get(funded.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Czekamy na pozwolenie." in html
    assert 'id="implementation-title"' in html


def test_a_proposal_without_record_shows_no_implementation(client, funded):
    html = client.get(funded.get_absolute_url()).content.decode()
    assert 'id="implementation-title"' not in html


def test_an_anonymous_copy_of_the_list_refreshes_after_a_change(
    client, record, official, consultation, committed, page_cache_on
):
    client.get(list_url(consultation))
    with committed():
        update(record, official, percent_done=77)
    assert "77%" in client.get(list_url(consultation)).content.decode()


def test_the_centre_overview_shows_each_years_vote(client, record, official, centre):
    update(record, official, status=Status.DONE, percent_done=100)
    response = client.get(reverse("implementation:overview", args=[centre.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Budżet 2026" in html
    assert record.proposal.consultation.sub_url("implementation_list") in html


def test_the_overview_of_an_unknown_centre_is_not_found(client):
    assert client.get(reverse("implementation:overview", args=["nie-ma"])).status_code == 404


def test_the_council_report_has_an_implementation_section(record):
    sections = {s["id"]: s for s in _extra_sections(record.proposal.consultation)}
    assert sections["implementation"]["numbers"]["funded"] == 1
    assert sections["implementation"]["numbers"]["totals"].count == 1


def test_the_list_shows_twenty_projects_a_page_and_the_totals_of_all(
    client, record, official, consultation
):
    add_records(consultation, official, 24)
    first = client.get(list_url(consultation)).content.decode()
    second = client.get(list_url(consultation, page=2)).content.decode()
    assert first.count('class="result-list__item"') == 20
    assert second.count('class="result-list__item"') == 5
    assert "Strona 1 z 2" in first
    for html in (first, second):
        assert '<td class="numeric">25</td>' in html  # the totals count every project


def test_the_list_keeps_the_filter_in_its_page_links(client, record, official, consultation):
    for made in add_records(consultation, official, 22):
        update(made, official, status=Status.DELAYED, reason="Brak wykonawcy.")
    html = client.get(list_url(consultation, status="delayed")).content.decode()
    assert "?status=delayed&amp;page=2" in html
