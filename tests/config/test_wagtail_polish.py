"""Wagtail's admin speaks Polish: the strings its own Polish catalogue lacks come from MAM's
catalogue in site/polish_overrides (server side and the admin's JavaScript catalogue alike)."""

import ast
import json
import re
from pathlib import Path

import pytest
import wagtail
from django.apps import apps
from django.utils import translation
from django.utils.translation import trans_real

WAGTAIL_DIR = Path(wagtail.__file__).parent

# Page translations are off (WAGTAIL_I18N_ENABLED = False): these never show.
NOT_SHOWN = {
    "Deleting this page will also delete %(translation_count)s translations and their combined "
    "%(translation_descendant_count)s translated child page.",
    "Deleting this page will also delete %(translation_count)s translation of this page.",
    "This will also move one translation of this page and its child pages",
    "This will also unpublish one translation of the page.",
    "This page has one subpage and its translations have a combined one translated child "
    "page. Unpublish these too",
    "This page has one child page and its translations have a combined "
    "%(translation_descendant_count)s translated child pages. Unpublish these too",
    "Wagtail API v3",  # a name
}


def po_entries(path: Path):
    """(context, msgid, plural) of each entry of a .po file."""
    entry, field = {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
        if match:
            field = match.group(1)
            if field == "msgctxt" or (field == "msgid" and "msgstr" in entry):
                if entry.get("msgid"):
                    yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")
                entry = {}
            entry[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
    if entry.get("msgid"):
        yield entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")


def installed_wagtail_catalogues(domain: str):
    for config in apps.get_app_configs():
        if config.name == "wagtail" or config.name.startswith("wagtail."):
            po = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
            if po.exists():
                yield po


def untranslated(catalogue, domain: str) -> list[str]:
    missing = []
    for po in installed_wagtail_catalogues(domain):
        for context, msgid, _plural in po_entries(po):
            if msgid in NOT_SHOWN:
                continue
            key = f"{context}\x04{msgid}" if context else msgid
            if not (catalogue.get(key) or catalogue.get((key, 0))):
                missing.append(f"{po.relative_to(WAGTAIL_DIR)}: {msgid}")
    return missing


def test_every_string_of_the_installed_wagtail_apps_has_polish():
    with translation.override("pl"):
        catalogue = trans_real.translation("pl")._catalog
    assert untranslated(catalogue, "django") == []


def test_every_string_of_wagtails_admin_javascript_has_polish(client):
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="pl")
    served = response.content.decode()
    missing = [
        msgid
        for po in installed_wagtail_catalogues("djangojs")
        for _context, msgid, _plural in po_entries(po)
        if f"{json.dumps(msgid)}:" not in served
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Anyone can edit this %(model_name)s", "Każdy może to edytować (%(model_name)s)"),
        ("Saved", "Zapisano"),
        ("Go to the first error", "Przejdź do pierwszego błędu"),
    ],
)
def test_wagtail_strings_read_as_polish(msgid, expected):
    with translation.override("pl"):
        assert translation.gettext(msgid) == expected
