"""Counts read right in Polish: every plural entry has all its forms, and counts use them."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from proposals.forms import ProposalForm

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}")


def _value(block: str, key: str) -> str | None:
    match = re.search(rf"^{re.escape(key)} ((?:\".*\"\n?)+)", block, re.M)
    return "".join(re.findall(r'"(.*)"', match.group(1))) if match else None


def plural_entries():
    text = CATALOGUE.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if "msgid_plural" in block and not block.lstrip().startswith("#~"):
            yield block


def test_every_polish_plural_entry_has_three_forms_with_the_same_placeholders():
    problems = []
    for block in plural_entries():
        plural = _value(block, "msgid_plural")
        for index in range(3):
            form = _value(block, f"msgstr[{index}]")
            if not form:
                problems.append((plural, index, "missing"))
            elif set(PLACEHOLDER.findall(form)) - set(PLACEHOLDER.findall(plural)):
                problems.append((plural, index, form))
    assert not problems


@pytest.mark.parametrize(("count", "word"), [(1, "znak."), (22, "znaki."), (25, "znaków.")])
def test_a_length_limit_uses_the_polish_form_of_its_number(count, word):
    message = ProposalForm.base_fields["title"].error_messages["max_length"]
    with translation.override("pl"):
        assert str(message % {"limit_value": count}).endswith(f" {count} {word}")


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "text"), [(2, "2 propozycje"), (5, "5 propozycji")])
def test_the_proposal_list_counts_in_polish(client, home_page, count, text):
    from tests.factories_proposals import ProposalFactory, open_consultation

    consultation = open_consultation(home_page)
    ProposalFactory.create_batch(count, consultation=consultation)
    url = consultation.url + consultation.reverse_subpage("proposal_list")
    assert text in client.get(url, HTTP_ACCEPT_LANGUAGE="pl").content.decode()
