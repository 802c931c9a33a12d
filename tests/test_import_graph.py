"""The apps depend downward only (docs/architecture.md, "The import graph"), read by ast.

The order lives in tests/import_graph.py (`LAYERS`); `python -m tests.import_graph -v` prints
the whole graph. A new upward import fails here; so does a new function-level import past the
cap. When you remove an edge below or a function-level import, shrink the list or the cap.
"""

import ast

from tests import import_graph

# The upward imports still in the code, each with the plan that removes it. None since the
# voting and outcomes split of issue #12: consultations imports no app above it.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {}

# Function-level imports in the apps and config, of anything (issue #12: fewer than 15, only
# where Django requires them). 64 before the cleanup of 2026-12-04; lower this with each one
# removed. What remains: 4 in AppConfig.ready, 3 of WeasyPrint (needs Pango, loaded only for
# the PDF), 11 of the upward edges above, 6 in survey models naming their views and 1 in the
# council report asking for the survey section (surveys split), 4 between consultation pages
# and their selectors/forms/services, 4 between the proposals admin modules, 2 between
# proposal views, 1 news feed in home.models. Then +2 with the initiatives app (its ready()
# and its page model's routes naming the views, as the survey model does): 38; +1 with the
# events app (its page model naming its views the same way): 39. The voting split (the ballot's
# and results' sub-URLs through the routes hook, their proposals imports at module level): 27;
# the rooms app (its index page naming its views, events' ready() connecting room signals): 29.
# The surveys split and the cleanup after it: 13. The council report asks for the survey
# section through `mam_report_sections`; the survey model names its views once; the proposals
# admin modules share `proposals/admin_scope.py`, the proposal action views
# `proposals/views/proposal_actions.py` (the detail imports the engagement at module level);
# the news feed and the consultation filter form load with their page models; WeasyPrint in one
# import. What remains: 7 in AppConfig.ready, 1 of WeasyPrint (needs Pango, loaded only for the
# PDF), 2 in ConsultationPage/ConsultationIndexPage.get_context asking their selectors (which
# import the page models), 4 page models naming their views (surveys, events, initiatives,
# rooms: the views import the models).
FUNCTION_LEVEL_CAP = 14


def test_no_upward_import_between_apps():
    found = import_graph.imports()
    new = [
        str(item)
        for item in found
        if item.upward and (item.source, item.target) not in ALLOWED_UPWARD
    ]
    assert not new, (
        "Imports against the apps' order (docs/architecture.md): invert them through a hook "
        "or move the code up:\n" + "\n".join(new)
    )


def test_allowed_upward_imports_still_exist():
    """An upward edge that was removed leaves the list, so it cannot come back unseen."""
    present = {(item.source, item.target) for item in import_graph.imports() if item.upward}
    gone = sorted(set(ALLOWED_UPWARD) - present)
    assert not gone, f"Remove from ALLOWED_UPWARD: {gone}"


def test_function_level_imports_stay_under_the_cap():
    local = import_graph.function_level_imports()
    listed = "\n".join(f"{module}:{line} {target}" for module, line, target in local)
    assert len(local) <= FUNCTION_LEVEL_CAP, (
        f"{len(local)} function-level imports, cap {FUNCTION_LEVEL_CAP}: import at module "
        f"level (downward), or pass the dependency in:\n{listed}"
    )


def test_every_app_has_its_place_in_the_order():
    apps = {
        path.parent.name
        for path in import_graph.ROOT.glob("*/apps.py")
        if (path.parent / "__init__.py").exists()
    }
    unplaced = sorted(apps - set(import_graph.APPS))
    assert not unplaced, f"Add to LAYERS in tests/import_graph.py: {unplaced}"


def _kinds(source: str) -> list[tuple[str, str]]:
    known = {"proposals.views.detail", "proposals.models", "home.models"}
    visitor = import_graph._Visitor("consultations.x", False, known)
    visitor.visit(ast.parse(source))
    return [(target, kind) for target, kind, _line in visitor.found]


def test_the_reader_tells_module_function_typing_and_string_imports_apart():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from home.models import CentrePage\n"
        "if TYPE_CHECKING:\n"
        "    from proposals.models import Proposal\n"
        "def f():\n"
        "    from proposals.models import Proposal\n"
        "VIEW = 'proposals.views.detail.proposal_detail'\n"
        "MODEL = 'proposals.Proposal'\n"
    )
    assert _kinds(source) == [
        ("typing", "module"),
        ("home.models", "module"),
        ("proposals.models", "typing"),
        ("proposals.models", "function"),
        ("proposals.views.detail", "string"),
    ]


def test_the_reader_resolves_relative_imports():
    visitor = import_graph._Visitor("proposals.api.views", False, set())
    visitor.visit(ast.parse("from ..models import Proposal\nfrom . import filters\n"))
    assert [target for target, _kind, _line in visitor.found] == [
        "proposals.models",
        "proposals.api",
    ]
