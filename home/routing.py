"""Wagtail's page routing, resumed from the page a path reached before.

Wagtail finds the page for a path by walking the tree from the site's root page: for every
level one query for the child with that slug and one for its specific page (a consultation's
proposal list, five levels deep, spent 8 queries before its view ran). Signed-in residents'
pages cannot come from a cache (they show the person's own supports and forms), so instead
each server process remembers where a path's walk *ended*: the path's leading components
that name a page (site, components) → (page id, content type). Next time the page is read
in one query and routed from there with the remaining components, exactly as Wagtail's walk
would have continued (`Page.route`, a RoutablePage's sub-URLs included).

The memory is only a hint and validates itself: the page is used only while its `url_path`
is still the site root's `url_path` plus those components, which Wagtail keeps true through
every slug change, move and copy; a deleted page or a changed path falls back to the full
walk. So nothing has to be invalidated across processes, and whether a page is live, and
its view restrictions, are checked on every request as before (by `Page.route` and Wagtail's
`before_serve_page` hooks).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page

from home import chrome

MAX_REMEMBERED = 20_000
_remembered: dict[tuple[int, tuple[str, ...]], tuple[int, int]] = {}


def forget_all() -> None:
    """Forget every remembered walk (tests; nothing else needs it)."""
    _remembered.clear()


def _components(path: str) -> list[str]:
    return [component for component in path.split("/") if component]


def _expected_url_path(root: Page, prefix: tuple[str, ...]) -> str:
    return root.url_path + "".join(f"{component}/" for component in prefix)


def resume_route(request, path: str) -> bool:
    """Route `path` from a remembered page; True when Wagtail's walk was spared."""
    site = chrome.site_for_request(request)
    if site is None:
        return False
    components = _components(path)
    for length in range(len(components), 0, -1):
        prefix = tuple(components[:length])
        remembered = _remembered.get((site.pk, prefix))
        if remembered is not None:
            break
    else:
        return False
    page_id, content_type_id = remembered
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.filter(pk=page_id).first() if model is not None else None
    if page is None or page.url_path != _expected_url_path(site.root_page, prefix):
        _remembered.pop((site.pk, prefix), None)
        return False
    try:
        result = page.route(request, components[length:])
    except Http404:
        result = None
    # Wagtail's own per-request memo: its serve view and Page.find_for_request read it.
    request._wagtail_route_for_request = result
    return True


def remember_route(request, path: str) -> None:
    """After Wagtail's full walk: remember which leading components named the page found."""
    result = getattr(request, "_wagtail_route_for_request", None)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return
    page = result[0]
    root_url_path = site.root_page.url_path
    if not page.url_path.startswith(root_url_path):
        return
    prefix = tuple(_components(page.url_path[len(root_url_path) :]))
    if tuple(_components(path)[: len(prefix)]) != prefix or not prefix:
        return
    if len(_remembered) >= MAX_REMEMBERED:
        _remembered.clear()
    _remembered[(site.pk, prefix)] = (page.pk, page.content_type_id)


class PageRouteMemoryMiddleware:
    """Spare Wagtail's tree walk for paths whose page this process has found before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = getattr(request, "_mam_remember_route", None)
        if path is not None:
            remember_route(request, path)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or settings.WAGTAIL_I18N_ENABLED:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        if not resume_route(request, path):
            # Let Wagtail walk (inside its view), then remember where it ended.
            request._mam_remember_route = path
        return None
