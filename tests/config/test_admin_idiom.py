"""One admin idiom: every admin screen of MAM's apps comes from a Wagtail viewset."""

from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail import hooks

ROOT = Path(__file__).resolve().parents[2]


def _is_ours(module: str) -> bool:
    return (ROOT / module.split(".")[0]).is_dir() and not module.startswith("tests")


def _admin_patterns(patterns, namespace=None, inside_admin=False):
    """(route, namespace, callback) of every pattern under /admin/."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _admin_patterns(
                pattern.url_patterns,
                pattern.namespace or namespace,
                inside_admin or route == "admin/",
            )
        elif isinstance(pattern, URLPattern) and inside_admin:
            yield route, namespace, pattern.callback


def test_no_app_of_ours_registers_admin_urls_by_hook():
    modules = {fn.__module__ for fn in hooks.get_hooks("register_admin_urls")}
    assert not {module for module in modules if _is_ours(module)}


def test_every_admin_screen_of_ours_has_a_namespaced_url_name():
    bare = [
        route
        for route, namespace, callback in _admin_patterns(get_resolver().url_patterns)
        if _is_ours(callback.__module__) and not namespace
    ]
    assert bare == []
