"""View restrictions read in one query, and "none here" remembered per chrome version."""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

from config import cache_versions, process_memory

MAX_AGE = 300
_no_restrictions = None


def _none():
    """An empty queryset of restrictions, evaluated once: iterating a fresh `.none()` still
    compiles its SQL (to find it empty) on every page served; this one answers from its
    empty result. Chained calls (`.order_by()`, `.exists()`) clone it as any queryset."""
    global _no_restrictions
    if _no_restrictions is None:
        empty = PageViewRestriction.objects.none()
        len(empty)  # evaluated without a query
        _no_restrictions = empty
    return _no_restrictions


def _unrestricted_key(page, version: int | None) -> str:
    return f"mam:no-restriction:{version}:{page.path}:{page.pk}"


class OneQueryViewRestrictions:
    """Page mixin: the view restrictions of a page and its ancestors in one query.

    Wagtail's own version reads the ancestors first (to resolve aliases to their source
    pages) and then the restrictions: two queries on every page served. The ancestors'
    paths are prefixes of the page's own path, so one query with the alias rule in SQL
    gives the same restrictions (an alias has none of its own; its source page's apply).

    That a page has *no* restriction (its own, its ancestors', an alias's source's) is kept
    in the shared cache under the chrome version (home/chrome.py), which every restriction
    saved or deleted, every page moved, published, unpublished or deleted and every site
    change bumps at once and again on commit; the version is read before the query. Then
    the answer is an empty queryset (no query). A page with a restriction is read from the
    database every time, so a password, sign-in or group restriction is always checked
    against the current rows (and Wagtail marks its response private: never copied).
    """

    def get_view_restrictions(self):
        version = cache_versions.chrome_version()  # first: a change meanwhile bumps past it
        key = _unrestricted_key(self, version)
        # Kept in the process too (config/process_memory.py): the key names the version.
        if process_memory.read(key, deadline=float, versions_known=version is not None):
            return _none()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        restrictions = PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()
        if not restrictions:  # evaluates the queryset once; its rows stay with it
            # The lapse is the value: the process memory keeps it no longer.
            cache.set(key, process_memory.lapse_in(MAX_AGE), MAX_AGE)
        return restrictions
