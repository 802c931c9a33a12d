"""The route memory (home/routing.py, kept in the shared cache per chrome version) gives the
same answers as Wagtail's own walk: after slug changes, moves, unpublishing, deletion,
publishing and new view restrictions, for a RoutablePage's sub-URLs and for 404s."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

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
    cache.clear()
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


def _paths_of_every_kind(home_page):
    """Pages, sub-URLs of routable pages and paths that are not found, for the comparisons."""
    from home.models import NewsIndexPage

    consultation = open_consultation(home_page)
    proposal = ProposalFactory(consultation=consultation)
    centre = consultation.get_parent().get_parent()
    content = ContentPageFactory(parent=centre)
    news = centre.add_child(instance=NewsIndexPage(title="Aktualności", slug="aktualnosci"))
    return (
        centre,
        content,
        [
            centre.url,
            centre.url.rstrip("/"),  # no trailing slash: the same components for the walk
            content.url,
            news.url,
            news.url + news.reverse_subpage("feed"),
            news.url + "nie-ma/",
            consultation.url,
            consultation.url + consultation.reverse_subpage("proposal_list"),
            consultation.url + consultation.reverse_subpage("proposal_detail", args=[proposal.pk]),
            consultation.url + consultation.reverse_subpage("proposal_detail", args=[999999]),
            consultation.url + "nie-ma-takiej-strony/",
            content.url + "nie-ma/",
            "/nie-ma-takiego-centrum/",
        ],
    )


def _compare(rf, home_page, paths):
    root = home_page.specific
    for path in paths:
        components = [part for part in path.split("/") if part]
        request = rf.get(path)
        wagtails = _outcome(request, root, components, lambda r, c: Page.route(root, r, c))
        first = _outcome(rf.get(path), root, components, root.route)  # walks, remembers
        second = _outcome(rf.get(path), root, components, root.route)  # from the memory
        assert wagtails == first == second, path


def test_the_route_memory_answers_as_wagtail_after_moves_and_unpublishing(rf, home_page):
    centre, content, paths = _paths_of_every_kind(home_page)
    _compare(rf, home_page, paths)
    other = CentrePageFactory(parent=home_page, slug="drugie-centrum")
    old_content_url = content.url
    content.move(other, pos="last-child")
    content.refresh_from_db()
    _compare(rf, home_page, [old_content_url, content.url, *paths])
    Page.objects.get(pk=centre.pk).specific.unpublish()
    _compare(rf, home_page, [*paths, content.url])


def test_a_path_not_found_is_found_once_a_page_is_published_there(client, home_page):
    url = "/nowa-strona/"
    assert client.get(url).status_code == 404
    ContentPageFactory(parent=home_page, slug="nowa-strona", title="Nowa strona")
    response = client.get(url)
    assert response.status_code == 200
    assert "Nowa strona" in response.content.decode()


def test_the_memory_is_kept_in_the_shared_cache_and_forgotten_with_it(client, home_page):
    # Another app server reads the same cache: nothing about routes is kept per process.
    centre = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=centre)
    client.get(page.url)
    with CaptureQueriesContext(connection) as remembered:
        client.get(page.url)
    cache.clear()
    with CaptureQueriesContext(connection) as walked:
        client.get(page.url)
    walks = [q for q in walked if '"slug" =' in q["sql"]]
    assert walks
    assert not [q for q in remembered if '"slug" =' in q["sql"]]


def test_a_remembered_route_is_not_used_after_a_restriction_is_deleted_and_added(client, home_page):
    centre = CentrePageFactory(parent=home_page)
    page = ContentPageFactory(parent=centre)
    restriction = PageViewRestriction.objects.create(
        page=centre, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(page.url).status_code == 302
    restriction.delete()
    assert client.get(page.url).status_code == 200
    assert client.get(page.url).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302
