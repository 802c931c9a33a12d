"""Django's model permissions and the signed-in person's own row, kept in the cache between
requests.

Every page asks once whether the visitor may open Wagtail's admin (the user bar), and the
centre-scoped role checks start from the same question: with the plain ModelBackend that is
two queries on each signed-in request. The permission set of a user is kept under a version
bumped by every change of groups, group permissions or a user's own permissions (at once
and when the transaction commits), and for MAX_AGE seconds at most.

The user's row, which Django's session middleware reads on every signed-in request
(`get_user`), is kept the same way under a version of its own per person, bumped by every
save or deletion of that user (at once and when the transaction commits: a row read from
the database before the change committed is stored under a version nobody asks for
afterwards). Django still checks the session against the row (the password's hash), and only
an active user is kept, so a password change, deactivation or deletion ends the session on
the next request as before. Nothing changes a user's row without `save()` or `delete()`
(no `QuerySet.update()` on users; tests/accounts/test_cached_user_row.py).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from config import cache_versions

MAX_AGE = 300
VERSION_KEY = "mam:perms:version"


def permissions_changed(**kwargs) -> None:
    cache_versions.bump_now_and_on_commit(VERSION_KEY)


def user_version_key(user_id) -> str:
    return f"mam:user:version:{user_id}"


def user_changed(instance, **kwargs) -> None:
    cache_versions.bump_now_and_on_commit(user_version_key(instance.pk))


class CachedPermissionsBackend(ModelBackend):
    def get_user(self, user_id):
        """The active user `user_id`, from the cache while their row is unchanged."""
        try:
            version = cache_versions.current(user_version_key(int(user_id)))
        except (TypeError, ValueError):
            return None
        key = f"mam:user:{user_id}:{version}"
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, MAX_AGE)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            # A superuser's set is every permission: never reuse it once the flag is gone.
            version = cache_versions.current(VERSION_KEY)
            key = f"mam:perms:{version}:{user_obj.pk}:{int(user_obj.is_superuser)}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, MAX_AGE)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def connect() -> None:
    User = get_user_model()
    throughs = (User.groups.through, User.user_permissions.through, Group.permissions.through)
    for through in throughs:
        m2m_changed.connect(
            permissions_changed, sender=through, dispatch_uid=f"mam-perms-{through}"
        )
    post_save.connect(user_changed, sender=User, dispatch_uid="mam-user-row-s")
    post_delete.connect(user_changed, sender=User, dispatch_uid="mam-user-row-d")
    for model in (Group, Permission, *throughs):
        post_save.connect(permissions_changed, sender=model, dispatch_uid=f"mam-perms-{model}-s")
        post_delete.connect(permissions_changed, sender=model, dispatch_uid=f"mam-perms-{model}-d")
