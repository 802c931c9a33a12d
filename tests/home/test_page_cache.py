"""Anonymous page copies are made inside Wagtail's serve path and never outlive what they show.

home/page_cache.py: a copy is served only after Wagtail has routed the path, run the
`before_serve_page` hooks and checked the view restrictions; it lapses when the content, the
chrome or the phase it shows changes.
"""

import datetime

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from tests.factories import ContentPageFactory
from tests.factories_consultations import with_phases
from tests.factories_proposals import confirmed_user, open_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(home_page):
    return open_consultation(home_page, current="proposals")


def list_url(consultation):
    return consultation.url + consultation.reverse_subpage("proposal_list")


def cached(client, url):
    """Request `url` twice and check the second answer came from the copy."""
    assert client.get(url)["X-Page-Cache"] == "miss"
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


# Not named "page": that is pytest-playwright's fixture, and a test shadowing it is grouped with
# the browser tests, whose flushes would then run before the rest of this module.
@pytest.mark.parametrize("kind", ["home", "centre", "index", "consultation", "list", "map"])
def test_every_page_type_is_copied_for_anonymous_visitors(client, home_page, consultation, kind):
    url = {
        "home": home_page.url,
        "centre": consultation.get_parent().get_parent().url,
        "index": consultation.get_parent().url,
        "consultation": consultation.url,
        "list": list_url(consultation),
        "map": consultation.url + consultation.reverse_subpage("proposal_map"),
    }[kind]
    assert cached(client, url).status_code == 200


def test_a_content_page_is_copied_and_an_edit_shows_at_once(client, home_page):
    page = ContentPageFactory(parent=home_page, title="O nas")
    cached(client, page.url)
    page.title = "O naszym centrum"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "O naszym centrum" in response.content.decode()


def test_a_view_restriction_added_to_the_page_refuses_the_next_anonymous_visitor(
    client, consultation
):
    cached(client, list_url(consultation))
    PageViewRestriction.objects.create(
        page=consultation, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(list_url(consultation))
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "logowanie" in response["Location"]


def test_a_view_restriction_added_to_an_ancestor_refuses_the_next_anonymous_visitor(
    client, consultation
):
    cached(client, consultation.url)
    centre = consultation.get_parent().get_parent()
    PageViewRestriction.objects.create(page=centre, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(consultation.url).status_code == 302


def test_an_ancestor_unpublished_with_its_subpages_makes_the_copy_unreachable(client, consultation):
    url = list_url(consultation)
    cached(client, url)
    Page.objects.descendant_of(consultation.get_parent(), inclusive=True).unpublish()
    assert client.get(url).status_code == 404


def test_an_ancestor_unpublished_alone_serves_what_wagtail_serves_fresh(client, consultation):
    # Wagtail still serves a live page under an unpublished ancestor; the copy is rebuilt
    # (the menu and breadcrumbs no longer show the ancestor), not served stale.
    cached(client, consultation.url)
    consultation.get_parent().specific.unpublish()
    assert client.get(consultation.url)["X-Page-Cache"] == "miss"


def test_a_password_protected_page_is_never_copied(client, home_page):
    page = ContentPageFactory(parent=home_page)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    password_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client.post(password_url, {"password": "tajne", "return_url": page.url})
    first = client.get(page.url)
    assert first.status_code == 200
    assert client.get(page.url)["X-Page-Cache"] == "miss"


def test_a_before_serve_page_hook_runs_for_a_copy(client, consultation):
    cached(client, consultation.url)

    def closed(page, request, args, kwargs):
        return HttpResponse("Przerwa techniczna", status=503)

    with hooks.register_temporarily("before_serve_page", closed):
        assert client.get(consultation.url).status_code == 503


def test_a_signed_in_resident_never_gets_a_copy(client, home_page):
    cached(client, home_page.url)
    client.force_login(confirmed_user())
    response = client.get(home_page.url)
    assert "X-Page-Cache" not in response
    assert response.context["user"].is_authenticated


def test_a_response_that_sets_a_cookie_is_never_stored(client, home_page):
    def sets_cookie(callback):
        def inner(page, request, args, kwargs):
            response = callback(page, request, args, kwargs)
            response.set_cookie("visitor", "1")
            return response

        return inner

    # Between the storing link (order -10) and the serving link (order 10).
    with hooks.register_temporarily("on_serve_page", sets_cookie, order=0):
        assert client.get(home_page.url)["X-Page-Cache"] == "miss"
        assert client.get(home_page.url)["X-Page-Cache"] == "miss"


def test_a_visitor_with_a_message_waiting_gets_no_copy(client, home_page):
    cached(client, home_page.url)
    client.cookies["messages"] = "waiting"
    assert "X-Page-Cache" not in client.get(home_page.url)


def test_the_ballot_page_with_its_live_turnout_is_never_copied(client, home_page):
    from tests.factories_voting import voting_consultation

    consultation, _proposals = voting_consultation(home_page, proposals=2)
    url = consultation.url + consultation.reverse_subpage("vote")
    assert client.get(url).get("X-Page-Cache") == "miss"
    assert client.get(url).get("X-Page-Cache") == "miss"


def test_a_post_is_never_answered_from_a_copy(client, consultation):
    url = consultation.url + consultation.reverse_subpage("vote")
    client.get(url)
    client.get(url)
    assert client.post(url, {}).get("X-Page-Cache") != "hit"


def test_a_copy_does_not_outlive_the_end_of_the_running_phase(client, home_page, monkeypatch):
    now = timezone.now()
    # The proposals phase (14 days) ends in a minute; discussion starts then. Two minutes
    # later is well within the copies' MAX_AGE: only the phase's end makes the copy lapse.
    consultation = open_consultation(home_page, current="proposals")
    with_phases(
        consultation, now=now - datetime.timedelta(days=7, seconds=-60), current="proposals"
    )
    first = cached(client, consultation.url)
    later = now + datetime.timedelta(seconds=120)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(consultation.url)
    assert response["X-Page-Cache"] == "miss"
    assert response.content != first.content


def test_the_home_page_copy_does_not_outlive_a_phase_boundary(client, home_page, monkeypatch):
    now = timezone.now()
    consultation = open_consultation(home_page, current="proposals")
    with_phases(
        consultation, now=now - datetime.timedelta(days=7, seconds=-60), current="proposals"
    )
    cached(client, home_page.url)
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(seconds=120))
    assert client.get(home_page.url)["X-Page-Cache"] == "miss"


def test_closing_a_phase_early_shows_at_once(client, home_page, committed):
    from consultations.services.phases import close_phase_early

    consultation = open_consultation(home_page, current="proposals")
    index_url = consultation.get_parent().url
    cached(client, index_url)
    cached(client, consultation.url)
    phase = consultation.phase_at(timezone.now())
    with committed():
        close_phase_early(phase=phase, by=confirmed_user())
    assert client.get(index_url)["X-Page-Cache"] == "miss"
    assert client.get(consultation.url)["X-Page-Cache"] == "miss"


def test_an_anonymous_copy_still_varies_by_cookie(client, home_page):
    """No session is read to serve an anonymous copy, yet a proxy on the way must not hand
    it to a visitor who is signed in."""
    for expected in ("miss", "hit"):
        response = client.get(home_page.url)
        assert response["X-Page-Cache"] == expected
        assert "Cookie" in response["Vary"]


def test_a_signed_in_visitor_is_never_taken_for_anonymous(client, home_page):
    client.get(home_page.url)
    client.force_login(confirmed_user())
    response = client.get(home_page.url)
    assert "X-Page-Cache" not in response
    assert "Cookie" in response["Vary"]


def test_a_request_that_carries_a_signed_in_user_is_never_copied_even_without_a_cookie(
    rf, home_page
):
    from home.page_cache import copyable

    request = rf.get(home_page.url)
    request.user = confirmed_user()  # as a view or a test that signs someone in sets it
    assert not copyable(home_page, request)
