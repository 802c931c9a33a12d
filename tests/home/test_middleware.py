"""A NUL anywhere in the address is a clear 400 (SQLite search and PostgreSQL fail on it)."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_site_search_is_a_400_page_in_polish(client, home_page):
    response = client.get("/szukaj/?q=a%00b")
    assert response.status_code == 400
    assert "Adres zawiera niedozwolony znak." in response.text
    assert 'href="/szukaj/"' in response.text


def test_a_nul_in_the_pages_api_search_is_a_json_400(client, home_page):
    response = client.get("/api/v1/pages/?search=a%00b")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize(
    "path",
    ["/szukaj/?a%00=1", "/szukaj/?q=x&q=a%00", "/a%00b/", "/admin/pages/search/?q=a%00b"],
)
def test_a_nul_anywhere_in_the_path_or_query_is_a_400(client, home_page, path):
    assert client.get(path).status_code == 400


def test_an_ordinary_search_still_answers(client, home_page):
    assert client.get("/szukaj/?q=plac").status_code == 200
