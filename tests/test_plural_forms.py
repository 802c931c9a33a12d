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


POLISH_PROPOSALS = [
    (1, "1 propozycja"),
    (2, "2 propozycje"),
    (5, "5 propozycji"),
    (12, "12 propozycji"),
    (22, "22 propozycje"),
    (25, "25 propozycji"),
]


class _Paginator:
    def __init__(self, count, model=None):
        self.count, self.model = count, model


@pytest.mark.parametrize(("count", "text"), POLISH_PROPOSALS)
def test_the_admin_listing_counts_proposals_in_polish(count, text):
    from home.templatetags.admin_counts import items_count
    from proposals.models import Proposal

    with translation.override("pl"):
        assert items_count(_Paginator(count, Proposal)) == text


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "1 pozycja"), (2, "2 pozycje"), (5, "5 pozycji"), (12, "12 pozycji"),
     (22, "22 pozycje"), (25, "25 pozycji")],
)  # fmt: skip
def test_any_other_admin_listing_counts_its_rows_in_polish(count, text):
    from home.templatetags.admin_counts import items_count

    with translation.override("pl"):
        assert items_count(_Paginator(count)) == text


@pytest.mark.django_db
def test_the_admin_proposals_listing_says_5_propozycji(client, home_page):
    from tests.factories import UserFactory
    from tests.factories_proposals import ProposalFactory, open_consultation

    consultation = open_consultation(home_page)
    ProposalFactory.create_batch(5, consultation=consultation)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get("/admin/proposals/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "5 propozycji" in html
    assert "5 propozycje" not in html
