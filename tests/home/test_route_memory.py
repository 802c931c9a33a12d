"""Wagtail's tree walk resumed from a remembered page (home/routing.py) gives the same
answers as the full walk: after slug changes, moves, unpublishing, deletion and new view
restrictions, and for a RoutablePage's sub-URLs."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home import routing
from tests.factories import CentrePageFactory, ContentPageFactory
from tests.factories_proposals import ProposalFactory, open_consultation

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_path_served_before_is_served_again_without_walking_the_tree(client, home_page):
    centre = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=ContentPageFactory(parent=centre), title="Głęboko")
    client.get(page.url)
    client.get(page.url)
    routing.forget_all()
    walked, walked_queries = _queries(client, page.url)
    resumed, resumed_queries = _queries(client, page.url)
    assert walked.status_code == resumed.status_code == 200
    assert "Głęboko" in resumed.content.decode()
    assert resumed_queries < walked_queries


def test_a_renamed_ancestor_moves_the_page_to_its_new_address_at_once(client, home_page):
    centre = CentrePageFactory(parent=home_page, slug="stare-centrum")
    page = ContentPageFactory(parent=centre, slug="o-nas", title="O nas")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    centre.slug = "nowe-centrum"
    centre.save_revision().publish()
    page.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert "O nas" in client.get(page.url).content.decode()


def test_a_moved_page_is_not_served_at_its_old_address(client, home_page):
    first = CentrePageFactory(parent=home_page)
    second = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=first, slug="przeniesiona")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.move(second, pos="last-child")
    page.refresh_from_db()
    old = client.get(old_url)  # Wagtail's automatic redirect, not the remembered page
    assert old.status_code == 301
    assert old["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_an_unpublished_page_remembered_before_is_not_found(client, home_page):
    page = ContentPageFactory(parent=home_page)
    url = page.url
    assert client.get(url).status_code == 200
    page.unpublish()
    assert client.get(url).status_code == 404


def test_a_deleted_page_remembered_before_is_not_found(client, home_page):
    page = ContentPageFactory(parent=home_page, slug="usunieta")
    url = page.url
    assert client.get(url).status_code == 200
    Page.objects.get(pk=page.pk).delete()
    assert client.get(url).status_code == 404


def test_a_new_sign_in_restriction_on_an_ancestor_applies_to_a_remembered_page(client, home_page):
    centre = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=centre)
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=centre, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_a_remembered_consultation_still_routes_each_proposal_to_its_own_page(client, home_page):
    consultation = open_consultation(home_page)
    first = ProposalFactory(consultation=consultation, title="Ławki przy stawie")
    second = ProposalFactory(consultation=consultation, title="Nowe kosze na śmieci")
    base = consultation.url
    assert client.get(base).status_code == 200
    for proposal in (first, second):
        url = base + consultation.reverse_subpage("proposal_detail", kwargs={"pk": proposal.pk})
        assert proposal.title in client.get(url).content.decode()
    assert client.get(base + "nie-ma-takiej-strony/").status_code == 404


def test_an_alias_under_a_restricted_page_is_restricted_like_its_source(client, home_page):
    restricted = CentrePageFactory(parent=home_page)
    source = ContentPageFactory(parent=restricted, slug="zrodlo")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    open_centre = CentrePageFactory(parent=home_page)
    alias = source.create_alias(parent=open_centre, update_slug="alias")
    # Wagtail's rule (kept by the one-query version): an alias takes its source page's
    # restrictions only, not those of the source's ancestors.
    assert list(alias.get_view_restrictions()) == list(
        Page.get_view_restrictions(Page.objects.get(pk=alias.pk))
    )
    assert client.get(alias.url).status_code == 200
    assert client.get(source.url).status_code == 302


def test_the_one_query_restrictions_equal_wagtails_own_on_every_page(home_page):
    centre = CentrePageFactory(parent=home_page)
    middle = ContentPageFactory(parent=centre)
    leaf = ContentPageFactory(parent=middle)
    PageViewRestriction.objects.create(page=middle, restriction_type=PageViewRestriction.LOGIN)
    source = ContentPageFactory(parent=centre)
    PageViewRestriction.objects.create(
        page=source, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    alias = source.create_alias(parent=middle, update_slug="alias-zrodla")
    for page in (home_page, centre, middle, leaf, source, alias.specific):
        ours = set(page.get_view_restrictions())
        wagtails = set(Page.get_view_restrictions(Page.objects.get(pk=page.pk)))
        assert ours == wagtails, page


def _outcome(request, root, components, walk):
    try:
        page, args, kwargs = walk(request, components)
    except Http404:
        return None
    names = [getattr(arg, "__name__", arg) for arg in args]
    return page.pk, type(page), repr(names), repr(kwargs)


def test_the_remembered_route_equals_wagtails_own_walk_for_every_kind_of_path(rf, home_page):
    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    centre = consultation.get_parent().get_parent()
    content = ContentPageFactory(parent=centre)
    paths = [
        centre.url,
        content.url,
        consultation.get_parent().url,
        consultation.url,
        consultation.url + consultation.reverse_subpage("proposal_list"),
        consultation.url + consultation.reverse_subpage("proposal_detail", args=[proposal.pk]),
        consultation.url + "nie-ma-takiej-strony/",
        centre.url + "nie-ma/",
    ]
    root = home_page.specific
    for path in paths:
        components = [part for part in path.split("/") if part]
        request = rf.get(path)
        wagtails = _outcome(request, root, components, lambda r, c: Page.route(root, r, c))
        remembering = _outcome(request, root, components, root.route)  # walks, remembers
        resumed = _outcome(request, root, components, root.route)  # from the memory
        assert wagtails == remembering == resumed, path
