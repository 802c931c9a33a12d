"""The admin's menu names each thing once: Wagtail's reports are not MAM's content reports."""

import json
import re

import pytest
from django.utils import translation

from tests.factories import UserFactory


def menu_labels(response) -> list[str]:
    """Every label of the sidebar's main menu, submenus included."""
    props = re.search(
        r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', response.content.decode(), re.S
    )
    return re.findall(
        r'"label": "([^"]*)"', json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    )


@pytest.fixture
def administrator(db):
    return UserFactory(is_superuser=True, is_staff=True)


def test_wagtails_reports_menu_is_raporty_beside_mams_zgloszenia(client, administrator):
    client.force_login(administrator)
    with translation.override("pl"):
        labels = menu_labels(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="pl"))
    assert "Raporty" in labels
    assert "Zgłoszenia" not in labels  # the word of MAM's moderation queue (content reports)
