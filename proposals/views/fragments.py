"""Parts of the proposal pages that are the same for every visitor, rendered once per version.

A signed-in resident's list and detail cannot be copied whole (home/page_cache.py copies pages
for anonymous visitors only): they show the person's own support, edit links and forms. The
parts that are the same for everyone (the cards of a list page, the thread of comments) are
kept in the cache under the same versions as the anonymous copies: the site's chrome version
(pages, view restrictions, images, sites) and the consultation's content version, which every
service that changes proposals, supports, comments, statuses or moderation bumps on commit
(`config.cache_versions.pages_changed`). The key is read before the data, so a change made
meanwhile bumps past it; a fragment also lapses after MAX_AGE seconds at most. The person's
own bits are added on top by the views (never stored here).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

from config import cache_versions
from home import chrome

MAX_AGE = 300
# A form inside a shared fragment carries this instead of a token; each reader gets theirs.
CSRF_PLACEHOLDER = "__MAM_FRAGMENT_CSRF__"


def content_version(request, consultation) -> int:
    """The consultation's content version, read once per request."""
    versions = request.__dict__.setdefault("_mam_content_versions", {})
    if consultation.pk not in versions:
        key = cache_versions.consultation_key(consultation.pk)
        versions[consultation.pk] = cache_versions.current(key)
    return versions[consultation.pk]


def key(request, consultation, kind: str, *parts, path: bool = True) -> str:
    """The cache key of a fragment of `consultation`'s pages for this request's path (or for
    any path of the consultation, `path=False`)."""
    versions = (chrome.request_version(request), content_version(request, consultation))
    raw = [
        *map(str, versions),
        kind,
        str(consultation.pk),
        request.get_host(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path() if path else "",
        *map(str, parts),
    ]
    return "mam:fragment:" + hashlib.sha256("|".join(raw).encode()).hexdigest()


def cached(fragment_key: str, build, *, wrap: bool = False):
    """The fragment stored under `fragment_key`, or `build()`'s stored there now (`wrap`:
    an object that may be falsy, stored inside a dict)."""
    value = cache.get(fragment_key)
    if value is None:
        value = build()
        cache.set(fragment_key, {"value": value} if wrap else value, MAX_AGE)
        return value
    return value["value"] if wrap else value


def with_csrf(request, html: str) -> str:
    """Shared HTML with this visitor's CSRF token in its forms."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return mark_safe(html)  # noqa: S308 (rendered by our templates, escaped there)
