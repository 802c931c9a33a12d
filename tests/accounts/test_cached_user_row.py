"""The signed-in person's row kept in the cache between requests (accounts/backends.py,
issue #17): read once, and never served after any change to the user."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import CachedPermissionsBackend, user_version_key
from accounts.models import User
from config import cache_versions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(client):
    person = UserFactory()
    client.force_login(person)
    assert client.get(reverse("accounts:profile")).status_code == 200  # the row is now cached
    return person


def _user_of_next_request(client):
    return client.get(reverse("accounts:profile")).wsgi_request.user


def test_the_row_read_once_costs_no_query_on_the_next_request(resident):
    backend = CachedPermissionsBackend()
    backend.get_user(resident.pk)
    with CaptureQueriesContext(connection) as captured:
        assert backend.get_user(resident.pk).pk == resident.pk
    assert len(captured) == 0


def test_a_signed_in_request_does_not_read_the_users_row_once_cached(client, resident):
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("accounts:profile"))
    by_id = 'FROM "accounts_user" WHERE "accounts_user"."id" ='
    assert [q["sql"] for q in captured if by_id in q["sql"]] == []


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, resident):
    resident.is_active = False
    resident.save()
    assert not _user_of_next_request(client).is_authenticated


def test_a_deleted_user_is_signed_out_on_the_next_request(client, resident):
    User.objects.filter(pk=resident.pk).delete()
    assert not _user_of_next_request(client).is_authenticated


def test_a_changed_password_ends_the_other_sessions_on_the_next_request(client, resident):
    resident.set_password("another-long-password-2026")
    resident.save()
    assert not _user_of_next_request(client).is_authenticated


def test_a_signed_out_session_is_anonymous_though_the_row_is_cached(client, resident):
    client.post(reverse("account_logout"))
    assert not _user_of_next_request(client).is_authenticated


def test_a_changed_email_shows_on_the_next_request(client, resident):
    resident.email = "nowy.adres@example.org"
    resident.save()
    assert _user_of_next_request(client).email == "nowy.adres@example.org"


def test_a_changed_display_name_shows_on_the_next_request(client, resident):
    resident.display_name = "Sąsiadka z Zatorza"
    resident.save()
    assert "Sąsiadka z Zatorza" in client.get(reverse("accounts:profile")).text


def test_a_block_applies_on_the_next_request(client, resident):
    resident.blocked_at = resident.date_joined
    resident.save()
    assert _user_of_next_request(client).is_blocked


def test_staff_status_taken_away_applies_on_the_next_request(client):
    official = UserFactory(is_staff=True)
    client.force_login(official)
    client.get(reverse("accounts:profile"))
    official.is_staff = False
    official.save()
    assert not _user_of_next_request(client).is_staff


def test_a_row_read_before_the_change_committed_is_not_served_after_it(
    resident, django_capture_on_commit_callbacks
):
    backend = CachedPermissionsBackend()
    with django_capture_on_commit_callbacks(execute=True):
        resident.is_active = False
        resident.save()
        # Meanwhile another request read the row as it was before the commit and stored it.
        stale = User.objects.get(pk=resident.pk)
        stale.is_active = True
        version = cache_versions.current(user_version_key(resident.pk))
        cache.set(f"mam:user:{resident.pk}:{version}", stale, 300)
    assert backend.get_user(resident.pk) is None


def test_a_malformed_user_id_in_a_session_is_nobody():
    assert CachedPermissionsBackend().get_user("not-a-number") is None
