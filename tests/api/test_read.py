"""Reading through the API: shapes, filters, pagination, ordering, visibility, query counts."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from proposals.models import Proposal
from tests.api.conftest import place
from tests.factories_proposals import (
    CommentFactory,
    ProposalFactory,
    ProposalPhotoFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def count_queries(client, url) -> int:
    client.get(url)  # warm the site's root paths cache, as any running server has
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Centres and consultations ------------------------------------------------------------------


def test_centres_list_live_centres_with_their_districts(api, consultation):
    from home.models import District

    centre = consultation.centre
    District.objects.create(centre=centre, name="Centrum")
    response = api.get("/api/v1/centres/")
    assert response.status_code == 200
    item = next(item for item in response.json()["results"] if item["id"] == centre.pk)
    assert item["town"] == centre.town
    assert item["districts"] == [{"id": centre.districts.get().pk, "name": "Centrum"}]


def test_unpublished_centre_is_absent(api, consultation):
    centre = consultation.centre
    centre.unpublish()
    assert centre.pk not in ids(api.get("/api/v1/centres/"))
    assert api.get(f"/api/v1/centres/{centre.pk}/").status_code == 404


def test_consultation_says_its_phase_categories_and_centre(api, consultation):
    item = api.get(f"/api/v1/consultations/{consultation.pk}/").json()
    assert item["status"] == "open"
    assert item["current_phase"]["kind"] == "proposals"
    assert [phase["kind"] for phase in item["phases"]][:2] == ["information", "proposals"]
    assert {category["name"] for category in item["categories"]} == {"Zieleń", "Drogi"}
    assert item["centre"] == consultation.centre.pk
    assert item["eligibility"] == "confirmed"
    assert "rules" in item


def test_consultation_shows_voting_method_and_parameters(api, published):
    consultation, _proposals = published
    voting = api.get(f"/api/v1/consultations/{consultation.pk}/").json()["voting"]
    assert voting["method"] == "approval"
    assert voting["max_choices"] == 2
    assert voting["winners"] == 1


def test_consultations_filter_by_centre(api, consultation, published):
    response = api.get(f"/api/v1/consultations/?centre={consultation.centre.pk}")
    assert ids(response) == [consultation.pk]


def test_consultations_filter_by_the_centres_slug(api, consultation, published):
    response = api.get(f"/api/v1/consultations/?centre={consultation.centre.slug}")
    assert ids(response) == [consultation.pk]


def test_consultations_of_an_unknown_centre_slug_are_none(api, consultation, published):
    response = api.get("/api/v1/consultations/?centre=nie-ma-takiego")
    assert response.status_code == 200 and ids(response) == []


def test_consultations_filter_rejects_a_centre_that_is_neither_id_nor_slug(api, consultation):
    response = api.get("/api/v1/consultations/", {"centre": "nowy sącz/"})
    assert response.status_code == 400
    assert "centre" in response.json()["error"]["fields"]


def test_unpublished_consultation_is_absent(api, consultation):
    consultation.unpublish()
    assert api.get(f"/api/v1/consultations/{consultation.pk}/").status_code == 404
    assert api.get("/api/v1/categories/").json()["count"] == 0


def test_categories_filter_by_consultation(api, consultation, published):
    response = api.get(f"/api/v1/categories/?consultation={consultation.pk}")
    assert {item["name"] for item in response.json()["results"]} == {"Zieleń", "Drogi"}


def test_consultation_list_queries_do_not_grow_with_consultations(api, home_page):
    from tests.factories_proposals import open_consultation

    open_consultation(home_page, categories=["A"])
    one = count_queries(api, "/api/v1/consultations/")
    for _ in range(3):
        open_consultation(home_page, categories=["A", "B"])
    assert count_queries(api, "/api/v1/consultations/") == one


# --- Results and ballots ------------------------------------------------------------------------


def test_results_are_404_before_publication(api, consultation):
    response = api.get(f"/api/v1/consultations/{consultation.pk}/results/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert api.get(f"/api/v1/consultations/{consultation.pk}/ballots/").status_code == 404


def test_results_give_figures_and_checksums_after_publication(api, published):
    consultation, proposals = published
    body = api.get(f"/api/v1/consultations/{consultation.pk}/results/").json()
    assert body["method"] == "approval"
    assert body["figures"]["options"][0]["id"] == proposals[0].pk
    assert len(body["ballots_checksum"]) == 64
    assert body["ballots_url"].endswith(f"/api/v1/consultations/{consultation.pk}/ballots/")


def test_ballots_body_matches_the_published_checksum(api, published):
    import hashlib

    consultation, _proposals = published
    result = api.get(f"/api/v1/consultations/{consultation.pk}/results/").json()
    response = api.get(f"/api/v1/consultations/{consultation.pk}/ballots/")
    body = response.getvalue()
    assert hashlib.sha256(body).hexdigest() == result["ballots_checksum"]
    ballots = json.loads(body)["ballots"]
    assert len(ballots) == 2
    assert set(ballots[0]) == {"id", "channel", "void", "choices"}  # no person, no time


def test_ballots_are_streamed_from_the_stored_file_one_chunk_per_query(api, published, monkeypatch):
    from voting.services import published_files

    consultation, _proposals = published
    url = f"/api/v1/consultations/{consultation.pk}/ballots/"
    whole = api.get(url).getvalue()
    monkeypatch.setattr(published_files, "FILE_CHUNK_BYTES", 7)
    response = api.get(url)
    assert response.streaming
    assert int(response["Content-Length"]) == len(whole)
    with CaptureQueriesContext(connection) as captured:
        chunks = list(response.streaming_content)
    assert len(chunks) == -(-len(whole) // 7)
    assert max(len(chunk) for chunk in chunks) == 7
    assert len(captured) == len(chunks)  # one query per chunk: never the whole file at once
    assert b"".join(chunks) == whole


def test_ballots_answer_304_to_a_client_holding_the_file(api, published):
    consultation, _proposals = published
    url = f"/api/v1/consultations/{consultation.pk}/ballots/"
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --- Proposals: visibility, shape, filters ------------------------------------------------------


def test_hidden_proposal_is_absent_from_list_detail_and_map(api, consultation):
    shown = place(consultation)
    hidden = place(consultation, hidden_at=timezone.now())
    assert ids(api.get("/api/v1/proposals/")) == [shown.pk]
    assert api.get(f"/api/v1/proposals/{hidden.pk}/").status_code == 404
    features = api.get("/api/v1/proposals/geojson/").json()["features"]
    assert [feature["properties"]["id"] for feature in features] == [shown.pk]


def test_proposals_of_an_unpublished_consultation_are_absent(api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    consultation.unpublish()
    assert api.get(f"/api/v1/proposals/{proposal.pk}/").status_code == 404


def test_proposal_detail_shows_status_history_but_no_private_fields(api, consultation):
    proposal = ProposalFactory(consultation=consultation, submitted_for_name="Jan Kowalski")
    StatusChangeFactory(proposal=proposal, answer="Przyjęte do oceny.")
    body = api.get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert body["status_history"][0]["answer"] == "Przyjęte do oceny."
    assert body["author"] == proposal.author.public_name
    assert "Jan Kowalski" not in str(body)
    assert proposal.author.email not in str(body)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=accepted", ["accepted"]),
        ("search=parku", ["park"]),
        ("bbox=20.6,49.6,20.7,49.65", ["park"]),
    ],
)
def test_proposals_filter(api, consultation, query, expected):
    titles = {
        "park": place(consultation, title="Ławki w parku"),
        "accepted": place(consultation, lat="49.9", status=Proposal.Status.ACCEPTED),
    }
    response = api.get(f"/api/v1/proposals/?{query}")
    assert response.status_code == 200
    assert ids(response) == [titles[name].pk for name in expected]


def test_proposals_filter_by_consultation_and_category(api, consultation, published):
    other = published[0]
    category = consultation.categories.first()
    mine = ProposalFactory(consultation=consultation, category=category)
    ProposalFactory(consultation=consultation)
    assert set(ids(api.get(f"/api/v1/proposals/?consultation={other.pk}"))) == {
        p.pk for p in published[1]
    }
    assert ids(api.get(f"/api/v1/proposals/?category={category.pk}")) == [mine.pk]


@pytest.mark.parametrize(
    "bbox",
    ["1,2,3", "a,b,c,d", "20,49,19,50", "200,49,201,50", "20,-95,21,50", "nan,1,2,3"],
)
def test_bad_bounding_box_answers_400_saying_why(api, bbox):
    response = api.get("/api/v1/proposals/", {"bbox": bbox})
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["bbox"]


@pytest.mark.parametrize(
    "query",
    ["status=nonsense", "category=x", "consultation=-1", "ordering=title", "category=1e99"],
)
def test_bad_filters_answer_400(api, query):
    response = api.get(f"/api/v1/proposals/?{query}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_proposals_order_by_supports_then_newest(api, consultation):
    few = ProposalFactory(consultation=consultation, supports_count=1)
    many = ProposalFactory(consultation=consultation, supports_count=9)
    newest = ProposalFactory(consultation=consultation, supports_count=1)
    assert ids(api.get("/api/v1/proposals/?ordering=-supports")) == [many.pk, newest.pk, few.pk]
    assert ids(api.get("/api/v1/proposals/?ordering=created")) == [few.pk, many.pk, newest.pk]


def test_proposals_are_paginated_with_a_size_limit(api, consultation):
    now = timezone.now()
    for minutes in range(5):
        ProposalFactory(
            consultation=consultation, created_at=now - datetime.timedelta(minutes=minutes)
        )
    first = api.get("/api/v1/proposals/?page_size=2").json()
    assert first["count"] == 5 and len(first["results"]) == 2 and first["next"]
    third = api.get("/api/v1/proposals/?page_size=2&page=3").json()
    assert len(third["results"]) == 1
    assert api.get("/api/v1/proposals/?page=9").status_code == 404
    capped = api.get("/api/v1/proposals/?page_size=1000").json()
    assert len(capped["results"]) == 5  # at most 100 a page


def test_proposal_list_queries_do_not_grow_with_rows(api, consultation):
    category = consultation.categories.first()
    ProposalPhotoFactory(proposal=place(consultation, category=category))
    one = count_queries(api, "/api/v1/proposals/")
    for _ in range(19):
        ProposalPhotoFactory(proposal=place(consultation, category=category))
    assert count_queries(api, "/api/v1/proposals/") == one


def test_proposal_detail_queries_do_not_grow_with_photos_and_history(api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    ProposalPhotoFactory(proposal=proposal)
    StatusChangeFactory(proposal=proposal)
    url = f"/api/v1/proposals/{proposal.pk}/"
    one = count_queries(api, url)
    for _ in range(19):
        ProposalPhotoFactory(proposal=proposal)
        StatusChangeFactory(proposal=proposal)
    cache.clear()  # read again, not the shared representation (proposals/api/views.py)
    assert count_queries(api, url) == one


def test_geojson_is_a_feature_collection_with_the_list_filters(api, consultation):
    park = place(consultation, lat="49.625100", lon="20.691200")
    place(consultation, lat="49.9", lon="20.9")
    ProposalFactory(consultation=consultation)  # no point: not on the map
    response = api.get("/api/v1/proposals/geojson/?bbox=20.6,49.6,20.7,49.7")
    assert response["Content-Type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert [feature["properties"]["id"] for feature in body["features"]] == [park.pk]
    assert body["features"][0]["geometry"]["coordinates"] == [20.6912, 49.6251]


def test_geojson_queries_do_not_grow_with_points(api, consultation):
    place(consultation)
    one = count_queries(api, "/api/v1/proposals/geojson/")
    for _ in range(19):
        place(consultation)
    assert count_queries(api, "/api/v1/proposals/geojson/") == one


# --- Comments -----------------------------------------------------------------------------------


def test_comments_leave_out_hidden_and_deleted_ones(api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    shown = CommentFactory(proposal=proposal)
    CommentFactory(proposal=proposal, body="Ukryty tekst", hidden_at=timezone.now())
    CommentFactory(proposal=proposal, body="", deleted_at=timezone.now())
    body = api.get(f"/api/v1/proposals/{proposal.pk}/comments/").json()
    assert [item["id"] for item in body["results"]] == [shown.pk]
    assert "Ukryty tekst" not in str(body)


def test_comments_queries_do_not_grow_with_comments(api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    CommentFactory(proposal=proposal)
    url = f"/api/v1/proposals/{proposal.pk}/comments/"
    one = count_queries(api, url)
    for _ in range(19):
        CommentFactory(proposal=proposal)
    assert count_queries(api, url) == one


# --- Pages --------------------------------------------------------------------------------------


def test_pages_api_lists_live_pages_only(api, consultation):
    from tests.factories import ContentPageFactory

    draft = ContentPageFactory(parent=consultation.centre, live=False)
    items = api.get("/api/v1/pages/?limit=20").json()["items"]
    page_ids = {item["id"] for item in items}
    assert consultation.pk in page_ids
    assert draft.pk not in page_ids
    assert api.get(f"/api/v1/pages/{draft.pk}/").status_code == 404


def test_pages_api_answers_bad_parameters_with_our_error_body(api, db):
    response = api.get("/api/v1/pages/?nonsense=1")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert api.get("/api/v1/pages/find/?id=abc").status_code == 400


def test_unknown_address_under_api_answers_json_404(api, db):
    response = api.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/pages/?offset=99999999999999999999999",
        "/api/v1/pages/?child_of=99999999999999999999999",
        "/api/v1/pages/find/?id=99999999999999999999999",
    ],
)
def test_pages_api_refuses_numbers_too_large_for_the_database(api, db, url):
    assert api.get(url).status_code == 400


def test_pages_api_detail_of_a_huge_id_is_404(api, db):
    assert api.get("/api/v1/pages/99999999999999999999999/").status_code == 404
