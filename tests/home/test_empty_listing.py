"""Empty admin listings say plainly that there is nothing, in Polish (#18)."""

import re

import pytest

from tests.factories import CentrePageFactory, UserFactory

pytestmark = pytest.mark.django_db

EMPTY_RANGE = re.compile(r"\b[01]\s*[-–]\s*0\b")


def test_the_explorer_of_a_page_without_children_says_there_is_nothing(client, home_page):
    leaf = CentrePageFactory(parent=home_page, title="MAM Chrzanów")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(f"/admin/pages/{leaf.pk}/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert not EMPTY_RANGE.search(html)
    assert "Nie ma tu jeszcze żadnych stron." in html
