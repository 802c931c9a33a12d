"""Wagtail's page routing, remembered in the shared cache per chrome version.

Wagtail finds the page for a path by walking the tree from the site's root page: for every
level one query for the child with that slug and one for its specific page (a consultation's
proposal list, five levels deep, spent 8 queries before its view ran). The walk's answer
depends only on the page tree: slugs, parents, whether pages are live, their types. Every
change of those bumps the site's *chrome version* (home/chrome.py: every page class saved, a
page published, unpublished, renamed, moved or deleted, a site changed). So the walk's end is
kept in the shared cache (Redis in production: every app server reads the same memory, none
can go stale alone) under the chrome version, the site's root page and the path's
components: the page where the walk ended (pickled without its parents) and how many
components named it. A later request of the same path under the same version takes the page
from there and routes the remaining components with the page's own `route()`, exactly as the
walk would have continued (a RoutablePage's sub-URLs are resolved again each time, so a
sub-URL's view and arguments are never stored). 0 queries; a change of the tree makes a new
key at once (the version is bumped at once and again on commit, home/chrome.py).

This is the one documented exception to "Wagtail routes alone" (issue #12 allows it where the
speed issue's measurements show it is needed: bench/RESULTS.md, docs/architecture.md). It sits
at Wagtail's documented extension point, the root page's `route()` (HomePage.route calls
`route` below), inside Wagtail's serve view: the `before_serve_page` hooks and the view
restrictions run on every request after it as before (their memory, home/restrictions.py,
keeps only "no restriction here" under the same version). A path the walk answers with a 404
is never remembered. tests/home/test_route_memory.py holds it against Wagtail's own `route()`.
"""

from __future__ import annotations

import copy
import hashlib

from django.conf import settings
from django.core.cache import cache

from config import cache_versions, process_memory

MAX_AGE = 300


def _prefix_of(root, page) -> tuple[str, ...]:
    if not page.url_path.startswith(root.url_path):
        return ()
    return tuple(part for part in page.url_path[len(root.url_path) :].split("/") if part)


def _key(root, version: int | None, components: list[str]) -> str:
    path = "/".join(components)
    raw = f"{version}|{root.pk}|{path}"
    return "mam:route-end:" + hashlib.sha256(raw.encode()).hexdigest()


def _bare(page):
    """The page as stored: without the parents Wagtail's walk hung on it."""
    bare = copy.copy(page)
    bare.__dict__.pop("_cached_parent_obj", None)
    return bare


def route(root, request, components: list[str], walk):
    """Route `components` below `root`: from the remembered end of the walk, or by Wagtail's
    `walk` (the root page's own `Page.route`), remembering where the walk ended."""
    if not components or settings.WAGTAIL_I18N_ENABLED:
        return walk(request, components)
    version = cache_versions.chrome_version(request)
    key = _key(root, version, components)
    # Kept in the process too (config/process_memory.py): the key names the chrome version.
    remembered = process_memory.read(key, deadline=_until, versions_known=version is not None)
    if remembered is not None:
        page, consumed, _until_then = remembered
        return process_memory.private_copy(page).route(request, components[consumed:])
    result = walk(request, components)  # Http404 when nothing is found: nothing remembered
    page = result[0]
    prefix = _prefix_of(root, page)
    if prefix and tuple(components[: len(prefix)]) == prefix:
        cache.set(key, (_bare(page), len(prefix), process_memory.lapse_in(MAX_AGE)), MAX_AGE)
    return result


def _until(remembered) -> float:
    """When a remembered route lapses: stored with it, as the shared cache's copy does."""
    return remembered[2]
