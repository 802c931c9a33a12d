"""An initiative's page for a visitor who is not signed in: how to take part and a sign-in link
instead of forms they could not use, so the page carries no CSRF token and sets no cookie
(its copy is the same for every visitor: issue #17)."""

from urllib.parse import quote

import pytest
from django.test import Client

from tests.factories_proposals import confirmed_user
from tests.initiatives.helpers import centre_with_index, running
from tests.initiatives.test_pages import grow

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(home_page, page_cache_on):
    index = centre_with_index(home_page)[1]
    found = running(index, title="Zielone podwórko")
    grow(found, 3)
    return found


def test_a_visitor_is_asked_to_sign_in_to_take_part_and_comes_back_to_the_group(initiative):
    url = initiative.get_absolute_url()
    html = Client().get(url).content.decode()
    assert "Zaloguj się, aby się włączyć" in html
    assert f"?next={quote(url)}%23take-part" in html
    assert "/dolacz/" not in html


def test_a_visitor_is_asked_to_sign_in_to_sign_up_for_a_need(initiative):
    html = Client().get(initiative.get_absolute_url()).content.decode()
    assert "Zaloguj się, aby zapisać się do pomocy" in html
    assert "/zapis/" not in html


def test_a_visitors_copy_of_the_page_has_no_csrf_token_and_sets_no_cookie(initiative):
    client = Client()
    url = initiative.get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_a_signed_in_outsider_after_a_visitor_still_gets_the_join_form(
    initiative, signed_in_client
):
    url = initiative.get_absolute_url()
    Client().get(url)
    html = signed_in_client(confirmed_user()).get(url).content.decode()
    assert "/dolacz/" in html
    assert "csrfmiddlewaretoken" in html
    assert "Zaloguj się, aby się włączyć" not in html


def test_a_visitor_after_a_signed_in_outsider_gets_no_form(initiative, signed_in_client):
    url = initiative.get_absolute_url()
    signed_in_client(confirmed_user()).get(url)
    html = Client().get(url).content.decode()
    assert "/dolacz/" not in html
    assert "csrfmiddlewaretoken" not in html


def test_after_signing_in_the_link_lands_on_the_join_form(initiative, signed_in_client):
    html = signed_in_client(confirmed_user()).get(initiative.get_absolute_url()).content.decode()
    assert '/dolacz/" id="take-part"' in html
