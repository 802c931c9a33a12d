"""`/api/v1/partners/`: public fields only, a contact only where the partner agreed."""

import pytest

from tests.factories_partners import PartnerFactory

pytestmark = pytest.mark.django_db


def test_api_lists_partners_with_only_their_public_contacts(client, partner):
    row = client.get("/api/v1/partners/").json()["results"][0]
    assert row["name"] == "Stowarzyszenie Sąsiedzi"
    assert row["email"] == "kontakt@example.org"
    assert row["phone"] == "" and row["address"] == ""
    assert "accounts" not in row


def test_api_leaves_out_unlisted_partners(client, centre):
    PartnerFactory(centre=centre, name="Ukryta grupa", listed=False)
    assert "Ukryta grupa" not in client.get("/api/v1/partners/").text


def test_api_filters_by_centre(client, partner, other_centre):
    PartnerFactory(centre=other_centre, name="Klub Seniora Chrzanów")
    rows = client.get("/api/v1/partners/", {"centre": other_centre.pk}).json()["results"]
    assert [r["name"] for r in rows] == ["Klub Seniora Chrzanów"]


def test_api_filters_by_the_centres_slug(client, partner, other_centre):
    PartnerFactory(centre=other_centre, name="Klub Seniora Chrzanów")
    rows = client.get("/api/v1/partners/", {"centre": other_centre.slug}).json()["results"]
    assert [r["name"] for r in rows] == ["Klub Seniora Chrzanów"]


def test_api_unknown_centre_slug_lists_nothing(client, partner):
    assert client.get("/api/v1/partners/", {"centre": "nie-ma"}).json()["results"] == []


def test_api_bad_centre_is_a_400(client, partner):
    assert client.get("/api/v1/partners/", {"centre": "a b"}).status_code == 400


def test_api_list_costs_the_same_queries_with_one_or_many_partners(
    client, partner, centre, django_assert_max_num_queries
):
    client.get("/api/v1/partners/")
    for _ in range(5):
        PartnerFactory(centre=centre)
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/partners/").status_code == 200
