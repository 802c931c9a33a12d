"""One admin idiom (issue #12): every admin screen of MAM's apps comes from a Wagtail viewset,
with a namespaced name; no private Wagtail methods; one name per viewset class."""

import ast
from collections import defaultdict
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver
from wagtail import hooks

from tests.import_graph import APPS
from tests.import_graph import ROOT as GRAPH_ROOT

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


# Attributes with a leading underscore that Django documents for use (Model._meta and the
# managers), and so are no private method of a library.
DOCUMENTED = {"_meta", "_default_manager", "_base_manager"}


def app_modules():
    for app in APPS:
        for path in sorted((GRAPH_ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, ast.parse(path.read_text(), filename=str(path))


def own_private_names() -> set[str]:
    """Names with a leading underscore that MAM's own code defines (functions, methods)."""
    names = set()
    for _path, tree in app_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
    return names


def test_admin_modules_call_no_private_method_of_wagtail_or_django():
    own = own_private_names()
    found = []
    for path, tree in app_modules():
        admin = "admin" in path.name or path.parent.name == "admin"
        if not (admin or path.name == "wagtail_hooks.py"):
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            name = node.func.attr
            private = name.startswith("_") and not name.startswith("__")
            if private and name not in own and name not in DOCUMENTED:
                found.append(f"{path.relative_to(GRAPH_ROOT)}:{node.lineno} {name}")
    assert not found, "private methods of a library called:\n" + "\n".join(found)


def test_each_viewset_class_name_is_used_once():
    """An admin viewset and a DRF viewset of the same model are told apart by name
    (`ProposalAdminViewSet`, `ProposalViewSet`)."""
    where = defaultdict(list)
    for path, tree in app_modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name.endswith("ViewSet"):
                where[node.name].append(str(path.relative_to(GRAPH_ROOT)))
    twice = {name: paths for name, paths in where.items() if len(paths) > 1}
    assert not twice, twice


def _calls_super_get_urlpatterns(function: ast.FunctionDef) -> bool:
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_urlpatterns"
            and isinstance(node.func.value, ast.Call)
            and isinstance(node.func.value.func, ast.Name)
            and node.func.value.func.id == "super"
        ):
            return True
    return False


def viewsets_listing_their_own_routes() -> set[str]:
    found = set()
    for path, tree in app_modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                own = isinstance(item, ast.FunctionDef) and item.name == "get_urlpatterns"
                if own and not _calls_super_get_urlpatterns(item):
                    found.add(f"{path.relative_to(GRAPH_ROOT)} {node.name}")
    return found


def test_viewsets_extend_wagtails_routes_with_super():
    """Extra URLs come through `get_urlpatterns()` extending `super()`'s, as in Wagtail's own
    viewsets and bakerydemo: Wagtail's routes (index, results, history) stay Wagtail's."""
    assert viewsets_listing_their_own_routes() == set()


def test_the_check_finds_a_viewset_that_lists_its_own_routes():
    tree = ast.parse(
        "class AViewSet(ViewSet):\n"
        "    def get_urlpatterns(self):\n"
        "        return [path('', self.index_view, name='index')]\n"
    )
    assert not _calls_super_get_urlpatterns(tree.body[0].body[0])


# The one documented write of a private Wagtail request attribute (docs/architecture.md,
# "Signed-in pages"): the cached site handed to Wagtail's serve view.
WAGTAIL_REQUEST_MEMO_WRITERS = {"home/chrome.py"}


def wagtail_request_attributes(tree: ast.AST) -> list[tuple[int, str, bool]]:
    """(line, attribute, is_write) of every `_wagtail_*` attribute the code touches, by
    attribute access or by name in getattr/hasattr/setattr/delattr."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_wagtail_"):
            found.append((node.lineno, node.attr, isinstance(node.ctx, ast.Store)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            named = [
                arg.value
                for arg in node.args[1:2]
                if isinstance(arg, ast.Constant) and str(arg.value).startswith("_wagtail_")
            ]
            for name in named:
                found.append((node.lineno, name, node.func.id == "setattr"))
    return found


def test_our_code_reads_no_private_wagtail_request_attribute():
    """Wagtail's per-request memos (`request._wagtail_site`, `_wagtail_route_for_request`) are
    read through its public API (`Site.find_for_request`), never directly."""
    found = []
    for path, tree in app_modules():
        where = str(path.relative_to(GRAPH_ROOT))
        for line, name, is_write in wagtail_request_attributes(tree):
            if not is_write or where not in WAGTAIL_REQUEST_MEMO_WRITERS:
                found.append(f"{where}:{line} {name}")
    assert not found, found


def test_the_check_finds_a_read_of_a_private_wagtail_request_attribute():
    tree = ast.parse("site = request._wagtail_site\nhasattr(request, '_wagtail_site')\n")
    assert [is_write for _, _, is_write in wagtail_request_attributes(tree)] == [False, False]
