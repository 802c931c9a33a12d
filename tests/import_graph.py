"""The import graph between MAM's apps, read from the source with `ast`.

`python -m tests.import_graph` prints every edge between apps, the edges that go upward against
the order below, and the function-level imports; `tests/test_import_graph.py` holds the numbers
in CI. Three kinds of import are told apart: `module` (runs when the module loads), `function`
(inside a function body: runs when called, and hides a cycle from the interpreter, not from the
design), `typing` (under `if TYPE_CHECKING:`, never runs). A fourth, `string`, is a dotted path
to another app's module written as a string (`"proposals.views.detail.proposal_detail"`, loaded
later with `import_string`): a dependency all the same.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The apps, lowest first (docs/architecture.md, "The import graph"). An app may import the
# apps below it, never one above it. Apps of the same level may not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("config.helpers",),  # config's low-level helpers: import no app at all
    ("jobs", "backups"),
    ("home",),
    ("accounts",),
    ("consultations",),
    ("proposals",),
    ("voting",),
    ("outcomes",),
    ("casework",),  # departments and assignments: implementation records name them
    ("rooms", "partners"),  # rooms and bookings, partners: events hold a room, name a partner
    ("surveys", "events", "initiatives", "review", "implementation"),
    ("retention",),  # the retention schedule: clears personal data of the apps below it
    ("outreach",),  # newsletters and embeds: reads consultations, proposals, events, initiatives
    ("demo",),
    ("config.shell",),  # settings, URL and API routing, WSGI/ASGI: may import every app
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}
APPS = [app for apps in LAYERS for app in apps if "." not in app]

# `config` is the project shell. Its routing and start-up modules import the apps (and only
# they: each app's urls.py and api.py are routed from here); no app imports them. Every other
# module of `config` is a low-level helper the apps may import, so it imports no app.
CONFIG_SHELL = ("config.urls", "config.api", "config.settings", "config.wsgi", "config.asgi")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, "proposals.services.status"
    target: str  # the imported module (or name), "consultations.selectors"
    kind: str  # module, function, typing or string
    line: int

    @property
    def source_app(self) -> str:
        return app_of(self.source)

    @property
    def target_app(self) -> str:
        return app_of(self.target)

    @property
    def upward(self) -> bool:
        return LEVEL[self.target_app] >= LEVEL[self.source_app] and (
            self.source_app != self.target_app
        )

    def __str__(self) -> str:
        return f"{self.source}:{self.line} -> {self.target} ({self.kind})"


def app_of(module: str) -> str:
    """Name the app (or config's part) a dotted module belongs to."""
    top = module.split(".")[0]
    if top != "config":
        return top
    shell = any(module == name or module.startswith(name + ".") for name in CONFIG_SHELL)
    return "config.shell" if shell else "config.helpers"


def source_files() -> dict[str, Path]:
    """Map each module of the apps (and config) to its file."""
    roots = {app: ROOT / app for app in APPS}
    roots["config"] = ROOT / "site" / "config"
    modules = {}
    for app, root in roots.items():
        for path in sorted(root.rglob("*.py")) if root.is_dir() else []:
            parts = [app, *path.relative_to(root).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool, known: set[str]):
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.known = known
        self.found: list[tuple[str, str, int]] = []
        self.depth = 0  # functions we are inside
        self.typing = 0  # `if TYPE_CHECKING:` blocks we are inside

    @property
    def kind(self) -> str:
        return "function" if self.depth else "typing" if self.typing else "module"

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef

    def visit_If(self, node):
        test = node.test
        name = getattr(test, "id", None) or getattr(test, "attr", None)
        if name == "TYPE_CHECKING":
            self.typing += 1
            for child in node.body:
                self.visit(child)
            self.typing -= 1
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            self.found.append((alias.name, self.kind, node.lineno))

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")
            base = base[: len(base) - node.level + 1]
            base = ".".join(base + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        for alias in node.names:
            # `from config import cache_versions` imports a module: name it.
            candidate = f"{base}.{alias.name}"
            self.found.append(
                (candidate if candidate in self.known else base, self.kind, node.lineno)
            )

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, str) and "." in value and " " not in value:
            module = value.rpartition(".")[0]
            if value in self.known or module in self.known and "." in module:
                self.found.append((value if value in self.known else module, "string", node.lineno))


def imports() -> list[Import]:
    """Every import from one app (or config's part) into another, read from the source."""
    files = source_files()
    known = set(files)
    found = []
    for module, path in files.items():
        visitor = _Visitor(module, path.name == "__init__.py", known)
        visitor.visit(ast.parse(path.read_text(), str(path)))
        for target, kind, line in visitor.found:
            if target.split(".")[0] not in {*APPS, "config"}:
                continue
            item = Import(module, target, kind, line)
            if item.source_app != item.target_app:
                found.append(item)
    return sorted(set(found), key=lambda i: (i.source, i.line, i.target))


def function_level_imports() -> list[tuple[str, int, str]]:
    """Every import statement inside a function body in the apps and config, of anything."""
    files = source_files()
    known = set(files)
    found = []
    for module, path in files.items():
        visitor = _Visitor(module, path.name == "__init__.py", known)
        visitor.visit(ast.parse(path.read_text(), str(path)))
        lines = {line: target for target, kind, line in visitor.found if kind == "function"}
        found += [(module, line, target) for line, target in lines.items()]
    return sorted(found)


def upward_edges(found: list[Import] | None = None) -> dict[tuple[str, str], list[Import]]:
    """The upward imports, grouped by (from app, to app)."""
    edges: dict[tuple[str, str], list[Import]] = {}
    for item in found if found is not None else imports():
        if item.upward:
            edges.setdefault((item.source_app, item.target_app), []).append(item)
    return edges


def report(verbose: bool = False) -> str:
    """Describe the graph: edges by kind, the upward ones, the function-level imports."""
    found = imports()
    pairs = Counter((i.source_app, i.target_app, i.kind) for i in found)
    kinds = ("module", "function", "typing", "string")
    out = ["Edges between apps (from -> to: imports by kind):"]
    for src, dst in sorted({(s, d) for s, d, _k in pairs}, key=lambda p: (LEVEL[p[0]], p)):
        counts = ", ".join(f"{k} {pairs[src, dst, k]}" for k in kinds if pairs[src, dst, k])
        mark = "  UPWARD" if LEVEL[dst] >= LEVEL[src] else ""
        out.append(f"  {src} -> {dst}: {counts}{mark}")
    up = upward_edges(found)
    out.append(f"\nUpward edges: {len(up)} ({sum(len(v) for v in up.values())} imports)")
    for (src, dst), items in sorted(up.items()):
        out.append(f"  {src} -> {dst}")
        out += [f"    {item}" for item in items]
    local = function_level_imports()
    out.append(f"\nFunction-level imports: {len(local)}")
    if verbose:
        out += [f"  {module}:{line} {target}" for module, line, target in local]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(report(verbose="-v" in sys.argv))
