"""The language switch in every page's header: a plain form that needs no CSRF token, so an
anonymous page mints no CSRF secret and sets no cookie (home/page_cache.py serves it as is)."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client

from home.models import ContentPage
from tests.factories import CentrePageFactory, ContentPageFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_page_carries_no_csrf_token_and_sets_no_cookie(home_page, page_cache_on):
    for expected in ("miss", "hit"):
        response = Client().get(home_page.url)
        assert response["X-Page-Cache"] == expected
        assert b"csrfmiddlewaretoken" not in response.content
        assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_the_switch_is_a_form_with_one_button_per_language(client, home_page):
    text = client.get(home_page.url).content.decode()
    form = text.split('class="lang-switch"')[1].split("</form>")[0]
    assert 'method="post"' in form and 'name="next" value="/"' in form
    assert 'name="language" value="pl"' in form and 'name="language" value="en"' in form


def test_switching_language_works_without_a_csrf_token(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": home_page.url})
    assert response.status_code == 302 and response["Location"] == home_page.url
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(home_page.url)["Content-Language"] == "en"


def test_switching_language_never_sends_the_visitor_to_another_site(home_page):
    response = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/", {"language": "en", "next": "https://example.com/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_unknown_language_changes_nothing(home_page):
    response = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/", {"language": "xx", "next": home_page.url}
    )
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_other_forms_keep_their_token_and_each_visitor_gets_their_own(
    home_page, page_cache_on, monkeypatch
):
    """A page with a form (none is shown to anonymous visitors now: they are asked to sign in
    first) served from a copy: its token is a placeholder there, filled for each visitor."""

    def serve_with_a_form(self, request, *args, **kwargs):
        form = Template('<form method="post">{% csrf_token %}</form>')
        return HttpResponse(form.render(RequestContext(request)))

    monkeypatch.setattr(ContentPage, "serve", serve_with_a_form)
    url = ContentPageFactory(parent=CentrePageFactory(parent=home_page)).url
    first, second = Client().get(url), Client().get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    tokens = []
    for response in (first, second):
        assert b"__MAM_CSRF_TOKEN__" not in response.content
        token = response.content.split(b'name="csrfmiddlewaretoken" value="')[1].split(b'"')[0]
        assert len(token) == 64 and settings.CSRF_COOKIE_NAME in response.cookies
        tokens.append(token)
    assert tokens[0] != tokens[1]
