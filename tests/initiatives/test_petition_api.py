"""Petitions through the API: reads (counts, threshold, timeline, committee with consent only)
and online support with a token through the same service as the site."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from initiatives.models import Petition, PetitionSupport
from initiatives.services import petitions
from tests.factories import UserFactory
from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, organiser, resident, running
from tests.initiatives.petition_helpers import (
    committee,
    draft,
    open_resolution,
    signed_resolution,
    with_signatures,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/petitions/"


@pytest.fixture
def api():
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


def token_client(user):
    token = Token.objects.create(user=user)
    return APIClient(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def index(home_page):
    return centre_with_index(home_page)[1]


def plain_petition(index):
    initiative = running(index)
    petition = draft(initiative, kind="petition", addressee="mayor")
    return petitions.petition_publish(petition=petition, user=initiative.started_by)


def test_the_list_shows_published_petitions_only(api, index):
    published = open_resolution(index)
    draft(running(index))
    body = api.get(LIST).json()
    assert [row["id"] for row in body["results"]] == [published.pk]
    assert body["results"][0]["url"].endswith(f"/inicjatywy/{published.initiative_id}/petycja/")


def test_a_draft_is_a_404(api, index):
    petition = draft(running(index))
    assert api.get(f"{LIST}{petition.pk}/").status_code == 404


def test_the_petition_of_a_hidden_initiative_is_a_404(api, index):
    petition = open_resolution(index)
    petition.initiative.__class__.objects.filter(pk=petition.initiative_id).update(
        hidden_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    assert api.get(f"{LIST}{petition.pk}/").status_code == 404


def test_a_resolution_shows_its_threshold_and_paper_progress_apart_from_online(api, index):
    petition = with_signatures(open_resolution(index), 150)
    petitions.petition_support(petition=petition, user=resident(index.centre))
    petitions.petition_support(petition=petition, user=confirmed_user())
    body = api.get(f"{LIST}{petition.pk}/").json()
    assert body["kind"] == "resolution"
    assert (body["signatures_required"], body["paper_signatures"]) == (300, 150)
    assert body["progress_percent"] == 50
    assert (body["supporters_count"], body["verified_supporters_count"]) == (2, 1)
    assert "not a legal signature" in body["online_support_note"]


def test_an_ordinary_petition_has_no_threshold(api, index):
    body = api.get(f"{LIST}{plain_petition(index).pk}/").json()
    assert body["kind"] == "petition"
    assert body["addressee"] == "mayor"
    assert body["signatures_required"] is None and body["progress_percent"] is None
    assert body["committee"] is None


def test_the_committee_is_counted_and_named_only_with_consent(api, index):
    initiative = running(index)
    people = committee(initiative, size=4)
    petitions.committee_record(
        initiative=initiative,
        staff=organiser(index.centre),
        full_name="Jawna Osoba",
        consent=True,
        show_name=True,
    )
    petition = petitions.petition_publish(petition=draft(initiative), user=people[0])
    body = api.get(f"{LIST}{petition.pk}/").json()
    assert body["committee"] == {"members": 5, "minimum": 5, "named": ["Jawna Osoba"]}
    assert "Członek Komitetu" not in str(body)


def test_no_personal_data_of_supporters_is_shown(api, index):
    petition = open_resolution(index)
    supporter = confirmed_user(display_name="Tajny Zwolennik")
    petitions.petition_support(petition=petition, user=supporter)
    text = api.get(f"{LIST}{petition.pk}/").content.decode() + api.get(LIST).content.decode()
    assert "Tajny Zwolennik" not in text
    assert supporter.email not in text


def test_filing_deadline_and_decision_show_on_the_timeline(api, index):
    petition = signed_resolution(index)
    staff = organiser(index.centre)
    petitions.petition_file(petition=petition, staff=staff, filed_on=datetime.date(2026, 1, 5))
    body = api.get(f"{LIST}{petition.pk}/").json()
    assert (body["filed_on"], body["council_deadline"]) == ("2026-01-05", "2026-04-05")
    assert body["overdue"] is True
    petitions.petition_decide(
        petition=petition,
        staff=staff,
        decision="adopted",
        decided_on=datetime.date(2026, 3, 20),
        resolution_url="https://bip.example.org/uchwala-123",
    )
    body = api.get(f"{LIST}{petition.pk}/").json()
    assert body["decision"] == "adopted" and body["overdue"] is False
    assert body["resolution_url"] == "https://bip.example.org/uchwala-123"
    events = [(row["event"], row["date"]) for row in body["timeline"]]
    assert events[1:] == [
        ("filed", "2026-01-05"),
        ("council_deadline", "2026-04-05"),
        ("decided", "2026-03-20"),
    ]
    assert events[0][0] == "published"


def test_the_initiative_shows_its_published_petition_in_short(api, index):
    petition = open_resolution(index)
    body = api.get(f"/api/v1/initiatives/{petition.initiative_id}/").json()
    assert body["petition"]["id"] == petition.pk
    assert body["petition"]["signatures_required"] == 300
    other = running(index)
    draft(other)
    assert api.get(f"/api/v1/initiatives/{other.pk}/").json()["petition"] is None


@pytest.mark.parametrize(
    "query", [{"centre": "a b"}, {"state": "draft"}, {"kind": "king"}, {"initiative": "-1"}]
)
def test_a_bad_filter_is_a_400(api, index, query):
    open_resolution(index)
    assert api.get(LIST, query).status_code == 400


def test_the_list_filters_by_the_centres_slug(api, index, home_page):
    open_resolution(index)
    other = open_resolution(centre_with_index(home_page)[1])
    body = api.get(LIST, {"centre": other.initiative.centre.slug}).json()
    assert [row["id"] for row in body["results"]] == [other.pk]


def test_filters_by_kind_and_state(api, index):
    resolution = open_resolution(index)
    petition = plain_petition(index)
    assert [r["id"] for r in api.get(LIST, {"kind": "petition"}).json()["results"]] == [petition.pk]
    assert [r["id"] for r in api.get(LIST, {"state": "open"}).json()["results"]] == [
        petition.pk,
        resolution.pk,
    ]


def test_supporting_needs_a_token(api, index):
    petition = open_resolution(index)
    response = api.post(f"{LIST}{petition.pk}/support/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_an_unconfirmed_account_is_refused_with_a_403(index):
    petition = open_resolution(index)
    assert token_client(UserFactory()).post(f"{LIST}{petition.pk}/support/").status_code == 403


def test_a_token_supports_once_through_the_service(index):
    petition = open_resolution(index)
    person = resident(index.centre)
    client = token_client(person)
    first = client.post(f"{LIST}{petition.pk}/support/").json()
    again = client.post(f"{LIST}{petition.pk}/support/").json()
    expected = {"supported": True, "supporters_count": 1, "verified_supporters_count": 1}
    assert first == again == expected
    assert PetitionSupport.objects.filter(petition=petition, user=person).count() == 1


def test_a_token_withdraws_support(index):
    petition = open_resolution(index)
    client = token_client(confirmed_user())
    client.post(f"{LIST}{petition.pk}/support/")
    body = client.delete(f"{LIST}{petition.pk}/support/").json()
    assert body == {"supported": False, "supporters_count": 0, "verified_supporters_count": 0}


def test_a_filed_petition_takes_no_more_support_with_a_403(index):
    petition = signed_resolution(index)
    petitions.petition_file(
        petition=petition, staff=organiser(index.centre), filed_on=datetime.date(2026, 1, 5)
    )
    response = token_client(confirmed_user()).post(f"{LIST}{petition.pk}/support/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "closed"
    assert Petition.objects.get().supporters_count == 0


def test_supporting_a_draft_is_a_404(index):
    petition = draft(running(index))
    assert token_client(confirmed_user()).post(f"{LIST}{petition.pk}/support/").status_code == 404


def test_the_schema_documents_the_petition_paths(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/petitions/" in schema["paths"]
    assert "post" in schema["paths"]["/api/v1/petitions/{id}/support/"]


def count(api, path, django_assert_max_num_queries):
    api.get(path)
    with django_assert_max_num_queries(20) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_list_and_detail_query_counts_do_not_grow(api, index, django_assert_max_num_queries):
    petition = open_resolution(index)
    detail = f"{LIST}{petition.pk}/"
    one = (
        count(api, LIST, django_assert_max_num_queries),
        count(api, detail, django_assert_max_num_queries),
        count(api, "/api/v1/initiatives/", django_assert_max_num_queries),
    )
    for _n in range(3):
        open_resolution(index)
        petitions.petition_support(petition=petition, user=confirmed_user())
    petitions.committee_record(
        initiative=petition.initiative,
        staff=organiser(index.centre),
        full_name="Ktoś",
        consent=True,
        show_name=True,
    )
    many = (
        count(api, LIST, django_assert_max_num_queries),
        count(api, detail, django_assert_max_num_queries),
        count(api, "/api/v1/initiatives/", django_assert_max_num_queries),
    )
    assert one == many


def test_a_draft_filed_below_its_threshold_says_so_with_the_counts(api, index):
    petition = with_signatures(open_resolution(index), 30)
    petitions.petition_file(
        petition=petition,
        staff=organiser(index.centre),
        filed_on=datetime.date(2026, 1, 5),
        below_threshold_confirmed=True,
    )
    body = api.get(f"{LIST}{petition.pk}/").json()
    assert body["below_threshold"] is True
    assert (body["filed_signatures"], body["signatures_required"]) == (30, 300)
    filed = next(row for row in body["timeline"] if row["event"] == "filed")
    assert "30 of 300" in filed["text"] and "41a" in filed["text"]


def test_a_draft_filed_at_its_threshold_is_not_below_it(api, index):
    petition = signed_resolution(index)
    petitions.petition_file(
        petition=petition, staff=organiser(index.centre), filed_on=datetime.date(2026, 1, 5)
    )
    body = api.get(f"{LIST}{petition.pk}/").json()
    assert body["below_threshold"] is False and body["filed_signatures"] == 300
