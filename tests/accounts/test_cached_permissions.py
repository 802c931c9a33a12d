"""Permission sets and confirmed emails kept in the cache (accounts/backends.py,
accounts/email_status.py) follow every change at once."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.email_status import has_confirmed_email
from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "wagtailadmin.access_admin"


def _fresh(user):
    # Each request loads its own user object; the cache must serve the next one right.
    return User.objects.get(pk=user.pk)


def test_a_permission_read_once_costs_no_query_on_the_next_request():
    user = UserFactory()
    assert not _fresh(user).has_perm(ADMIN)
    again = _fresh(user)
    with CaptureQueriesContext(connection) as captured:
        assert not again.has_perm(ADMIN)
    assert len(captured) == 0


def test_joining_a_group_grants_its_permissions_at_once():
    user = UserFactory()
    assert not _fresh(user).has_perm(ADMIN)
    group = Group.objects.create(name="Redakcja")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    assert _fresh(user).has_perm(ADMIN)


def test_leaving_a_group_takes_its_permissions_away_at_once():
    group = Group.objects.create(name="Urzędnicy")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    assert _fresh(user).has_perm(ADMIN)
    user.groups.remove(group)
    assert not _fresh(user).has_perm(ADMIN)


def test_a_permission_removed_from_a_group_is_gone_for_its_members_at_once():
    group = Group.objects.create(name="Moderacja")
    permission = Permission.objects.get(codename="access_admin")
    group.permissions.add(permission)
    user = UserFactory()
    user.groups.add(group)
    assert _fresh(user).has_perm("wagtailadmin.access_admin")
    group.permissions.remove(permission)
    assert not _fresh(user).has_perm(ADMIN)


def test_a_former_superuser_does_not_keep_every_permission():
    user = UserFactory(is_superuser=True)
    assert _fresh(user).get_all_permissions()
    user.is_superuser = False
    user.save()
    fresh = _fresh(user)
    assert not fresh.has_perm(ADMIN)
    assert fresh.get_all_permissions() == set()


def test_a_deactivated_user_has_no_permissions_even_when_cached():
    group = Group.objects.create(name="Edytorzy")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    assert _fresh(user).has_perm(ADMIN)
    user.is_active = False
    user.save()
    assert not _fresh(user).has_perm(ADMIN)


def test_a_confirmed_email_shows_at_once_after_an_unconfirmed_one_was_read():
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False)
    assert not has_confirmed_email(_fresh(user))
    address.verified = True
    address.save()
    assert has_confirmed_email(_fresh(user))


def test_a_removed_email_address_is_no_longer_confirmed():
    user = UserFactory()
    address = EmailAddress.objects.create(user=user, email=user.email, verified=True)
    assert has_confirmed_email(_fresh(user))
    address.delete()
    assert not has_confirmed_email(_fresh(user))
