"""Wagtail's page routing, resumed from the page a path reached before.

Wagtail finds the page for a path by walking the tree from the site's root page: for every
level one query for the child with that slug and one for its specific page (a consultation's
proposal list, five levels deep, spent 8 queries before its view ran). Anonymous visitors get
copies of whole pages (home/page_cache.py), but only *after* routing, and signed-in residents'
pages cannot be copied at all, so each server process remembers where a path's walk *ended*:
the path's leading components that name a page (root page, components) → (page id, content
type). Next time the page is read in one query and routed from there with the remaining
components, exactly as Wagtail's walk would have continued (`Page.route`, a RoutablePage's
sub-URLs included). Measured (docs/architecture.md): it spares 5 of 7 queries of an anonymous
copy of the proposal list (3.4 ms → 1.5 ms) and 5 of 13 of a signed-in one (about 13%).

This is the one exception to "nothing before Wagtail's own routing", and it uses Wagtail's
documented extension point: the root page's `route()` (HomePage.route calls `route` below).
The memory is only a hint and validates itself: the page is used only while its `url_path`
is still the root page's `url_path` plus those components, which Wagtail keeps true through
every slug change, move and copy; a deleted page or a changed path falls back to the full
walk. So nothing has to be invalidated across processes, and whether a page is live, and its
view restrictions, are checked on every request as before (by `Page.route` and Wagtail's
serve view). tests/home/test_route_memory.py holds it against Wagtail's own walk.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

MAX_REMEMBERED = 20_000
_remembered: dict[tuple[int, tuple[str, ...]], tuple[int, int]] = {}


def forget_all() -> None:
    """Forget every remembered walk (tests; nothing else needs it)."""
    _remembered.clear()


def _prefix_of(root, page) -> tuple[str, ...]:
    if not page.url_path.startswith(root.url_path):
        return ()
    return tuple(part for part in page.url_path[len(root.url_path) :].split("/") if part)


def _remembered_page(root, components: list[str]):
    """The deepest remembered page naming leading components, still at that path, or None."""
    for length in range(len(components), 0, -1):
        prefix = tuple(components[:length])
        remembered = _remembered.get((root.pk, prefix))
        if remembered is None:
            continue
        page_id, content_type_id = remembered
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first() if model is not None else None
        if page is not None and _prefix_of(root, page) == prefix:
            return page, length
        _remembered.pop((root.pk, prefix), None)
        return None
    return None


def route(root, request, components: list[str], walk):
    """Route `components` below `root`: from a remembered page, or by Wagtail's `walk` (the
    root page's own `Page.route`), remembering where the walk ended."""
    if settings.WAGTAIL_I18N_ENABLED or not components:
        return walk(request, components)
    found = _remembered_page(root, components)
    if found is not None:
        page, length = found
        return page.route(request, components[length:])
    result = walk(request, components)
    page = result[0]
    prefix = _prefix_of(root, page)
    if prefix and tuple(components[: len(prefix)]) == prefix:
        if len(_remembered) >= MAX_REMEMBERED:
            _remembered.clear()
        _remembered[(root.pk, prefix)] = (page.pk, page.content_type_id)
    return result
