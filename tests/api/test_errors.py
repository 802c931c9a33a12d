"""One error body everywhere; throttling; ETags and 304; the key page; the schema."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from rest_framework.authtoken.models import Token

from tests.factories_proposals import ProposalFactory, confirmed_user

pytestmark = pytest.mark.django_db


def assert_error_body(response, status: int, code: str):
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert isinstance(error["fields"], dict)


def test_404_405_and_parse_errors_share_the_body(token_api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    assert_error_body(token_api.get("/api/v1/proposals/999999/"), 404, "not_found")
    assert_error_body(token_api.put(f"/api/v1/proposals/{proposal.pk}/"), 405, "method_not_allowed")
    broken = token_api.post("/api/v1/proposals/", data="{not json", content_type="application/json")
    assert_error_body(broken, 400, "parse_error")


def test_ids_too_long_for_the_database_are_404_not_500(api, db):
    assert api.get("/api/v1/proposals/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize(
    "parameter",
    ["child_of", "descendant_of", "ancestor_of", "translation_of", "offset", "limit", "id"],
)
@pytest.mark.parametrize("value", ["%C2%B2", "9" * 30, "-1"])
def test_pages_api_numbers_that_cannot_be_one_are_400(api, home_page, parameter, value):
    response = api.get(f"/api/v1/pages/?{parameter}={value}")
    assert_error_body(response, 400, "invalid")
    assert parameter in response.json()["error"]["message"]


@pytest.mark.parametrize("value", ["%C2%B2", "9" * 30, "x"])
def test_pages_api_find_with_an_id_that_cannot_be_one_is_400(api, home_page, value):
    assert_error_body(api.get(f"/api/v1/pages/find/?id={value}"), 400, "invalid")


def test_pages_api_still_takes_root_for_child_of(api, home_page):
    assert api.get("/api/v1/pages/?child_of=root").status_code == 200


@pytest.mark.parametrize("ordering", [",,,,", ",supports,,"])
def test_empty_ordering_items_are_ignored(api, consultation, ordering):
    assert api.get(f"/api/v1/proposals/?ordering={ordering}").status_code == 200


def test_validation_errors_name_each_field(token_api, consultation):
    body = {"consultation": consultation.pk, "title": "x" * 500, "body": "", "latitude": "91"}
    response = token_api.post("/api/v1/proposals/", body, format="json")
    assert_error_body(response, 400, "invalid")
    assert set(response.json()["error"]["fields"]) == {"title", "body", "latitude"}


RATES = {"anon": "2/min", "user": "100/min", "write": "100/min"}


def test_throttled_requests_get_429_with_the_error_body(api, db):
    cache.clear()
    rest = {"DEFAULT_THROTTLE_RATES": RATES}
    from django.conf import settings

    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, **rest}):
        assert api.get("/api/v1/centres/").status_code == 200
        assert api.get("/api/v1/centres/").status_code == 200
        response = api.get("/api/v1/centres/")
    cache.clear()
    assert_error_body(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_writes_have_a_stricter_limit(consultation):
    from django.conf import settings

    cache.clear()
    proposal = ProposalFactory(consultation=consultation)
    user = confirmed_user()
    token = Token.objects.create(user=user)
    from rest_framework.test import APIClient

    client = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    rates = {"anon": "100/min", "user": "100/min", "write": "1/min"}
    url = f"/api/v1/proposals/{proposal.pk}/support/"
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        assert client.post(url).status_code == 200
        assert client.post(url).status_code == 429
        assert client.get("/api/v1/proposals/").status_code == 200  # reading goes on
    cache.clear()


def test_lists_carry_an_etag_and_answer_304_when_unchanged(api, consultation):
    ProposalFactory(consultation=consultation)
    first = api.get("/api/v1/proposals/")
    etag = first["ETag"]
    assert etag
    again = api.get("/api/v1/proposals/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.content


def test_etag_changes_when_a_counter_changes(api, consultation):
    proposal = ProposalFactory(consultation=consultation)
    etag = api.get("/api/v1/proposals/")["ETag"]
    type(proposal).objects.filter(pk=proposal.pk).update(supports_count=5)  # as the service does
    response = api.get("/api/v1/proposals/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_ballots_answer_304_for_their_checksum(api, published):
    consultation, _proposals = published
    url = f"/api/v1/consultations/{consultation.pk}/ballots/"
    etag = api.get(url)["ETag"]
    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_schema_validates_without_warnings(db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_schema_publishes_our_paths_only(api, db):
    schema = api.get("/api/schema/?format=json").json()
    assert schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])
    assert "/api/v1/proposals/" in schema["paths"]
    assert "/api/v1/pages/" in schema["paths"]


def test_docs_page_is_served(client, db):
    assert client.get("/api/docs/").status_code == 200


# --- The key page -----------------------------------------------------------------------------


def test_resident_creates_and_revokes_their_key(client):
    user = confirmed_user()
    client.force_login(user)
    created = client.post("/konto/klucz-api/", {"action": "create"}, HTTP_ACCEPT_LANGUAGE="en")
    key = Token.objects.get(user=user).key
    assert key in created.content.decode()
    shown_later = client.get("/konto/klucz-api/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert key not in shown_later  # shown once only
    client.post("/konto/klucz-api/", {"action": "revoke"})
    assert not Token.objects.filter(user=user).exists()


def test_key_page_needs_signing_in(client, db):
    response = client.get("/konto/klucz-api/")
    assert response.status_code == 302
