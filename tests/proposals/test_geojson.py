"""The GeoJSON feed of the map and the map page that works without it."""

import json

import pytest

from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db


def url(consultation, name):
    return consultation.url + consultation.reverse_subpage(name)


def get_feed(client, consultation):
    return client.get(url(consultation, "proposal_geojson"))


def test_geojson_is_served_at_the_consultations_map_address(client, home_page):
    consultation = open_consultation(home_page)
    response = client.get(consultation.url + "propozycje/mapa/geojson/")
    assert response.status_code == 200
    assert json.loads(response.content)["type"] == "FeatureCollection"


def test_geojson_lists_visible_proposals_with_a_point(client, home_page):
    consultation = open_consultation(home_page, categories=["Zieleń"])
    shown = ProposalFactory(
        consultation=consultation,
        latitude="49.625000",
        longitude="20.691000",
        category=consultation.categories.get(),
        supports_count=4,
    )
    ProposalFactory(consultation=consultation)  # no point
    ProposalFactory(
        consultation=consultation, latitude="49.6", longitude="20.6", hidden_at="2026-01-01T00:00Z"
    )
    response = get_feed(client, consultation)
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [20.691, 49.625]}
    props = feature["properties"]
    assert props["id"] == shown.pk
    assert props["title"] == shown.title
    assert props["category"] == "Zieleń"
    assert props["status"] == "submitted"
    assert props["supports"] == 4
    assert props["url"].endswith(f"/propozycje/{shown.pk}/")


def test_geojson_query_count_is_fixed(client, home_page, django_assert_num_queries, pages_changed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, latitude="49.6", longitude="20.6")
    get_feed(client, consultation)
    pages_changed(consultation.pk)  # the anonymous copy is rebuilt: count the rendering
    with CaptureQueriesContext(connection) as one:
        get_feed(client, consultation)
    for _ in range(19):
        ProposalFactory(consultation=consultation, latitude="49.6", longitude="20.6")
    pages_changed(consultation.pk)
    with django_assert_num_queries(len(one)):
        response = get_feed(client, consultation)
    assert len(json.loads(response.content)["features"]) == 20


def test_map_page_lists_proposals_without_javascript(client, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(
        consultation=consultation, title="<b>Ławka</b>", latitude="49.6", longitude="20.6"
    )
    html = client.get(url(consultation, "proposal_map")).content.decode()
    assert "&lt;b&gt;Ławka&lt;/b&gt;" in html
    assert f"/propozycje/{proposal.pk}/" in html
    assert "openstreetmap.org/?mlat=49.6" in html
