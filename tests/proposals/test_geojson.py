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


def feed(client, consultation, **params):
    return client.get(url(consultation, "proposal_geojson"), params)


def test_geojson_with_a_bbox_holds_only_the_points_inside_it(client, home_page):
    consultation = open_consultation(home_page)
    inside = ProposalFactory(consultation=consultation, latitude="49.62", longitude="20.69")
    ProposalFactory(consultation=consultation, latitude="50.06", longitude="19.94")
    data = json.loads(feed(client, consultation, bbox="20.6,49.6,20.7,49.7").content)
    assert [f["properties"]["id"] for f in data["features"]] == [inside.pk]
    assert data["clustered"] is False


@pytest.mark.parametrize(
    "bbox",
    ["abc", "1,2,3", "1,2,3,4,5", "20.7,49.6,20.6,49.7", "0,-91,1,0", "nan,0,1,1", "0,0,1,inf"],
)
def test_geojson_refuses_a_malformed_bbox_with_400(client, home_page, bbox):
    consultation = open_consultation(home_page)
    response = feed(client, consultation, bbox=bbox)
    assert response.status_code == 400
    assert "bbox" in json.loads(response.content)["error"]


def test_geojson_clusters_beyond_the_feature_bound(client, home_page, monkeypatch):
    from proposals import geo

    monkeypatch.setattr(geo, "MAX_FEATURES", 5)
    consultation = open_consultation(home_page)
    for n in range(12):
        ProposalFactory(
            consultation=consultation, latitude=f"49.{6 + n % 2}", longitude=f"20.{6 + n % 3}"
        )
    data = json.loads(feed(client, consultation).content)
    assert data["clustered"] is True
    assert len(data["features"]) <= geo.GRID * geo.GRID
    assert all(f["properties"]["cluster"] for f in data["features"])
    assert sum(f["properties"]["count"] for f in data["features"]) == 12
    boxed = json.loads(feed(client, consultation, bbox="20.55,49.55,20.65,49.75").content)
    assert boxed["clustered"] is False
    assert len(boxed["features"]) == 4


def test_geojson_clustered_query_count_is_fixed(
    client, home_page, monkeypatch, django_assert_max_num_queries, pages_changed
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from proposals import geo

    monkeypatch.setattr(geo, "MAX_FEATURES", 2)
    consultation = open_consultation(home_page)
    for _ in range(3):
        ProposalFactory(consultation=consultation, latitude="49.6", longitude="20.6")
    feed(client, consultation)
    pages_changed(consultation.pk)
    with CaptureQueriesContext(connection) as few:
        feed(client, consultation)
    for _ in range(20):
        ProposalFactory(consultation=consultation, latitude="49.7", longitude="20.7")
    pages_changed(consultation.pk)
    with django_assert_max_num_queries(len(few)):
        feed(client, consultation)


def test_map_page_list_is_paginated(client, home_page):
    from proposals.views.listing import MAP_PER_PAGE

    consultation = open_consultation(home_page)
    for _ in range(MAP_PER_PAGE + 1):
        ProposalFactory(consultation=consultation, latitude="49.6", longitude="20.6")
    first = client.get(url(consultation, "proposal_map")).content.decode()
    assert first.count('class="result-list__item"') == MAP_PER_PAGE
    assert 'rel="next"' in first
    second = client.get(url(consultation, "proposal_map"), {"page": 2}).content.decode()
    assert second.count('class="result-list__item"') == 1


def test_map_page_query_count_does_not_grow_with_proposals(
    client, home_page, django_assert_max_num_queries, pages_changed
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    consultation = open_consultation(home_page)
    ProposalFactory(consultation=consultation, latitude="49.6", longitude="20.6")
    client.get(url(consultation, "proposal_map"))
    pages_changed(consultation.pk)
    with CaptureQueriesContext(connection) as one:
        client.get(url(consultation, "proposal_map"))
    for _ in range(30):
        ProposalFactory(consultation=consultation, latitude="49.6", longitude="20.6")
    pages_changed(consultation.pk)
    with django_assert_max_num_queries(len(one)):
        client.get(url(consultation, "proposal_map"))


@pytest.mark.parametrize("zoom", ["abc", "-1", "23", "1.5", "١", "007"])
def test_geojson_refuses_a_bad_zoom_with_400(client, home_page, zoom):
    consultation = open_consultation(home_page)
    response = feed(client, consultation, zoom=zoom)
    assert response.status_code == 400
    assert "zoom" in json.loads(response.content)["error"]


def _spread_proposals(consultation, count=12):
    # Six distinct places about 0.1° apart.
    for n in range(count):
        ProposalFactory(
            consultation=consultation, latitude=f"49.{6 + n % 2}", longitude=f"20.{6 + n % 3}"
        )


def test_geojson_clusters_far_out_into_one_cell(client, home_page, monkeypatch):
    from proposals import geo

    monkeypatch.setattr(geo, "MAX_FEATURES", 5)
    consultation = open_consultation(home_page)
    _spread_proposals(consultation)
    data = json.loads(feed(client, consultation, bbox="19,49,22,51", zoom="2").content)
    assert [f["properties"]["count"] for f in data["features"]] == [12]


def test_geojson_clusters_close_in_into_cells_per_place(client, home_page, monkeypatch):
    from proposals import geo

    monkeypatch.setattr(geo, "MAX_FEATURES", 5)
    consultation = open_consultation(home_page)
    _spread_proposals(consultation)
    data = json.loads(feed(client, consultation, bbox="20.5,49.5,20.9,49.8", zoom="12").content)
    assert data["clustered"] is True
    assert sorted(f["properties"]["count"] for f in data["features"]) == [2] * 6


def test_geojson_cells_at_a_close_zoom_stay_bounded_for_a_wide_box():
    from proposals import geo

    box = geo.Box(-180, -90, 180, 90)
    _west, _south, width, height, _last = geo.grid_cells(box, geo.MAX_ZOOM)
    assert 360 / width <= geo.MAX_CELLS_ACROSS
    assert 180 / height <= geo.MAX_CELLS_ACROSS
