"""The data migration gives centres that existed before the app their organisers' group."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts import roles
from initiatives.services.rules import ORGANISER_PERMISSION
from tests.factories import CentrePageFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_existing_centre_gets_an_organisers_group_that_works(page_tree):
    executor = MigrationExecutor(connection)
    executor.migrate([("initiatives", "0001_initial")])
    centre = CentrePageFactory(parent=page_tree, title="MAM Gorlice", slug="gorlice")
    Group.objects.filter(name__endswith="Organizatorzy").delete()
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    group = Group.objects.get(name="MAM Gorlice – Organizatorzy")
    user = UserFactory()
    user.groups.add(group)
    assert roles.is_staff_for(user, ORGANISER_PERMISSION, centre)
    assert roles.centre_groups_ensure(centre)[roles.ORGANISER] == group
