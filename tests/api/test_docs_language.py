"""The API's documentation introduces the API in the reader's language, Polish first."""

import pytest

pytestmark = pytest.mark.django_db


def description(client, language: str) -> str:
    response = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.json()["info"]["description"]


def test_the_schema_introduces_the_api_in_polish(client):
    assert description(client, "pl").startswith("Publiczne dane platformy partycypacyjnej MAM")


def test_the_schema_introduces_the_api_in_english_to_english_readers(client):
    assert description(client, "en").startswith("Public data of the MAM participation platform")


def test_the_schema_in_yaml_renders_the_polish_introduction(client):
    response = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="pl")
    assert "Publiczne dane" in response.content.decode()
