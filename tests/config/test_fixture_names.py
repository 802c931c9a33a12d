"""No fixture of ours takes a name pytest-playwright owns (`page`, `context`, `browser`).

Such a fixture shadows Playwright's for the tests below it and regroups the suite, so that an
e2e test's database flush runs before tests that expected the data it removed. Read by ast, so
it also catches a fixture in a module that is not collected today."""

import ast
from pathlib import Path

PLAYWRIGHT_NAMES = {"page", "context", "browser"}
TESTS = Path(__file__).resolve().parent.parent


def _fixture_names(node: ast.FunctionDef) -> set[str]:
    """The names under which `node` is a fixture (its own, or `name=`), if it is one."""
    names = set()
    for decorator in node.decorator_list:
        call = decorator if isinstance(decorator, ast.Call) else None
        target = call.func if call else decorator
        if ast.unparse(target) not in {"pytest.fixture", "fixture"}:
            continue
        names.add(node.name)
        for keyword in call.keywords if call else []:
            if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                names.add(keyword.value.value)
    return names


def clashing_fixtures(root: Path = TESTS) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for name in sorted(_fixture_names(node) & PLAYWRIGHT_NAMES):
                    found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    return found


def test_no_fixture_takes_a_playwright_name():
    clashes = clashing_fixtures()
    assert not clashes, "Rename these fixtures (Playwright owns the names):\n" + "\n".join(clashes)


def test_the_check_finds_a_fixture_named_page_directly_or_through_name(tmp_path):
    (tmp_path / "test_x.py").write_text(
        "import pytest\n"
        "@pytest.fixture\n"
        "def page(): ...\n"
        "@pytest.fixture(name='browser')\n"
        "def the_browser(): ...\n"
        "def context(): ...\n"
    )
    assert clashing_fixtures(tmp_path) == ["test_x.py:3 page", "test_x.py:5 browser"]
