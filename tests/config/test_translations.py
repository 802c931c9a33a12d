"""Every string the code marks for translation reaches the Polish catalogue.

`makemessages` extracts only the names it knows (gettext, gettext_lazy, ngettext, pgettext, …
and `_`): a string behind an alias such as `gettext as gettext_now` is never extracted and stays
English in the Polish admin. So the aliases are refused, and each literal passed to a known
name must have a Polish translation.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

from consultations.participation import ACTION_WORDS
from proposals.models import Comment

APPS = [
    "accounts",
    "consultations",
    "home",
    "proposals",
    "voting",
    "outcomes",
    "surveys",
    "events",
    "rooms",
    "partners",
    "initiatives",
    "review",
    "casework",
    "implementation",
    "outreach",
    "site/config",
]

# What Django's makemessages passes to xgettext for Python, plus xgettext's own defaults.
EXTRACTED = {
    "_": "singular",
    "gettext": "singular",
    "gettext_lazy": "singular",
    "gettext_noop": "singular",
    "ngettext": "plural",
    "ngettext_lazy": "plural",
    "pgettext": "context",
    "pgettext_lazy": "context",
    "npgettext": "context",
    "npgettext_lazy": "context",
}


def python_files():
    base = Path(settings.BASE_DIR)
    for app in APPS:
        for path in sorted((base / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def translation_imports():
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    yield path, alias.name, alias.asname or alias.name


def marked_strings():
    """(file, line, kind, msgid, context) of each literal passed to an extracted name."""
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            kind = EXTRACTED.get(node.func.id)
            args = node.args
            if kind is None or not args or not all(isinstance(a, ast.Constant) for a in args):
                continue
            if kind == "context" and len(args) >= 2:
                yield path, node.lineno, node.func.id, args[1].value, args[0].value
            elif kind != "context" and isinstance(args[0].value, str):
                yield path, node.lineno, node.func.id, args[0].value, None


def test_translation_functions_are_imported_under_names_makemessages_extracts():
    hidden = [
        f"{path}: {name} as {asname}"
        for path, name, asname in translation_imports()
        if name in EXTRACTED and asname not in EXTRACTED
    ]
    assert hidden == []


@pytest.fixture(scope="module")
def polish_catalogue():
    with translation.override("pl"):
        return trans_real.translation("pl")._catalog


def test_every_marked_string_has_a_polish_translation(polish_catalogue):
    missing = []
    for path, line, name, msgid, context in marked_strings():
        if name == "gettext_noop" or not msgid.strip():
            continue
        key = f"{context}\x04{msgid}" if context else msgid
        found = polish_catalogue.get(key) or polish_catalogue.get((key, 0))
        if not found:
            missing.append(f"{path.relative_to(settings.BASE_DIR)}:{line} {msgid!r}")
    assert missing == []


def test_a_comment_is_a_noun_and_commenting_a_verb():
    """ "Zgłaszasz: Komentarz", the queue and the data download name the thing; a refusal
    names the action ("…then you can komentować")."""
    with translation.override("pl"):
        assert str(Comment._meta.verbose_name) == "komentarz"
        assert str(ACTION_WORDS["comment"]) == "komentować"
        assert str(ACTION_WORDS["vote"]) == "głosować"
