"""Version numbers kept in the shared cache, for keys that must go stale at once.

A cached copy is stored under a key that includes the current version of what it shows;
a change bumps the version, so the next reader builds a fresh copy and the old ones are never
read again (they expire on their own). Used by the anonymous page copies, the site's chrome
and the permission sets. Services say what they changed through `pages_changed` only.
"""

from __future__ import annotations

import functools
import time

from django.core.cache import cache
from django.db import transaction


def current(key: str) -> int:
    """The version under `key`; started from the clock if the cache lost it."""
    version = cache.get(key)
    if version is None:
        # A fresh start never repeats an older number, so lost versions cannot revive copies.
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache: any new number will do
        cache.set(key, time.time_ns(), timeout=None)


def bump_now_and_on_commit(key: str) -> None:
    """Bump at once (this request reads fresh data) and when the transaction commits, so a
    copy built meanwhile by another request from the old data is not read afterwards."""
    bump(key)
    transaction.on_commit(lambda: bump(key))


# --- The content versions of Wagtail's page copies (home/page_cache.py) ----------------------

LISTINGS_KEY = "mam:pages:listings"
# Any residents' initiative's change (initiatives.versions.initiatives_changed bumps it): the
# pages of other apps that name an initiative (a proposal's section, an activity's "about")
# are kept under it.
INITIATIVE_LINKS_KEY = "mam:initiatives:links"
# The site's chrome version (home/chrome.py): bumped by every page, site, image or view
# restriction change.
CHROME_KEY = "mam:chrome:version"


def chrome_version(request=None) -> int:
    """The site's chrome version, read once per request (home/chrome.py, home/routing.py and
    the view-restriction memory share it)."""
    if request is None:
        return current(CHROME_KEY)
    if not hasattr(request, "_mam_chrome_version"):
        request._mam_chrome_version = current(CHROME_KEY)
    return request._mam_chrome_version


def consultation_key(consultation_id: int) -> str:
    """The version of what a consultation's pages show (its proposals, comments, results)."""
    return f"mam:pages:version:{consultation_id}"


def pages_changed(consultation_id: int | None, *, listings: bool = False) -> None:
    """The one call for services: when the transaction commits, the consultation's page copies
    (and with `listings`, the home, centre and consultation index pages that list
    consultations and their phases) become obsolete. A rolled-back change bumps nothing."""
    keys = [consultation_key(consultation_id)] if consultation_id is not None else []
    if listings:
        keys.append(LISTINGS_KEY)
    for key in keys:
        transaction.on_commit(functools.partial(bump, key))
