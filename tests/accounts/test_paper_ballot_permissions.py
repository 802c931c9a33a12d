"""Centre officials and moderators get the paper-ballot permissions, old groups included."""

import importlib

import pytest
from django.apps import apps

from accounts import roles
from tests.factories import CentrePageFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0003_paper_ballot_permissions")
PAPER = set(roles.PAPER_BALLOT_PERMISSIONS)


def codes(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


@pytest.mark.parametrize("role", [roles.OFFICIAL, roles.MODERATOR])
def test_centre_staff_groups_may_enter_paper_ballots(home_page, role):
    group = roles.centre_groups_ensure(CentrePageFactory(parent=home_page))[role]
    assert codes(group) >= PAPER


def test_editors_may_not(home_page):
    group = roles.centre_groups_ensure(CentrePageFactory(parent=home_page))[roles.EDITOR]
    assert not PAPER & codes(group)


def test_the_migration_completes_groups_made_before(home_page):
    groups = roles.centre_groups_ensure(CentrePageFactory(parent=home_page))
    official = groups[roles.OFFICIAL]
    official.permissions.remove(
        *official.permissions.filter(content_type__app_label="consultations")
    )
    migration.grant(apps, None)
    assert codes(official) >= PAPER
    assert not PAPER & codes(groups[roles.EDITOR])
