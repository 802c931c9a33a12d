"""The `centre` parameter takes a centre's id or its slug, on every endpoint that has it, and
the OpenAPI schema says so: a string, described as an id or a slug."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from home.centre_param import parse_centre

ENDPOINTS = [
    "/api/v1/consultations/",
    "/api/v1/activities/",
    "/api/v1/initiatives/",
    "/api/v1/petitions/",
    "/api/v1/partners/",
    "/api/v1/rooms/",
]


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(public=True)


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("12", 12), (" 12 ", 12), ("nowy-sacz", "nowy-sacz"), ("nowy-sącz", "nowy-sącz")],
)
def test_digits_are_an_id_and_anything_else_a_slug(value, parsed):
    assert parse_centre(value) == parsed


@pytest.mark.parametrize("value", ["", "a b", "nowy/sacz", "9" * 11, "x" * 256, "<script>"])
def test_what_can_be_neither_an_id_nor_a_slug_is_refused(value):
    assert parse_centre(value) is None


@pytest.mark.parametrize("path", ENDPOINTS)
def test_the_schema_describes_centre_as_an_id_or_a_slug(schema, path):
    (centre,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "centre"]
    assert centre["schema"]["type"] == "string"
    assert "id" in centre["description"] and "slug" in centre["description"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("pl", "Podaj identyfikator centrum albo jego skrót"),
        ("en", "Give a centre's id or its slug"),
    ],
)
def test_a_centre_that_is_neither_is_a_400_in_the_readers_language(client, language, message):
    response = client.get("/api/v1/rooms/", {"centre": "a b"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert message in str(response.json()["error"]["fields"]["centre"])
