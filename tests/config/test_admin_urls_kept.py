"""Bookmarks keep working (issue #12): every admin URL of MAM's apps keeps its name and its
path. `admin_urls.json` is the snapshot taken before the viewsets built their routes on
Wagtail's own (`super().get_urlpatterns()`); a route may be added, none removed or moved.

To record a deliberate change, regenerate the file:
`.venv/bin/python -c "import tests.config.test_admin_urls_kept as t; t.write_snapshot()"`
with DJANGO_SETTINGS_MODULE=config.settings.test.
"""

import json
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from tests.config.test_admin_idiom import _is_ours

SNAPSHOT = Path(__file__).with_name("admin_urls.json")


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/") and pattern.name:
            yield namespace, pattern.name, route, pattern.callback


def _found():
    return list(_walk(get_resolver().url_patterns))


def admin_urls() -> dict[str, str]:
    """`namespace:name` → path pattern of every named admin URL in a namespace where at
    least one view is ours (Wagtail's generic views of our viewsets included)."""
    found = _found()
    ours = {namespace for namespace, _, _, callback in found if _is_ours(callback.__module__)}
    return {
        f"{namespace}:{name}": route
        for namespace, name, route, _ in found
        if namespace and namespace in ours
    }


def write_snapshot():  # pragma: no cover - run by hand
    import django

    django.setup()
    SNAPSHOT.write_text(json.dumps(admin_urls(), indent=1, sort_keys=True) + "\n")


def test_no_admin_url_of_ours_is_removed_or_moved():
    before = json.loads(SNAPSHOT.read_text())
    now = admin_urls()
    changed = {
        name: (path, now.get(name)) for name, path in before.items() if now.get(name) != path
    }
    assert not changed, changed


def test_no_generic_wagtail_view_is_exposed_beyond_the_snapshot():
    """Building on Wagtail's routes must not open its generic edit/delete/usage views where a
    listing offers its own action views instead (they would skip our services' checks)."""
    before = json.loads(SNAPSHOT.read_text())
    namespaces = {name.split(":")[0] for name in before}
    added = [
        f"{namespace}:{name} {route}"
        for namespace, name, route, callback in _found()
        if namespace in namespaces
        and f"{namespace}:{name}" not in before
        and not _is_ours(callback.__module__)
    ]
    assert not added, added
