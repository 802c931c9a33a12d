"""Anonymous visitors' copies of a consultation's proposal pages, never stale.

Anonymous GETs of the list, the detail, the map and its GeoJSON are rendered once and kept in
the cache under a key that includes the consultation's *version*. Every service that changes
what those pages show calls `pages_changed(consultation_id)`, which bumps the version when its
transaction commits, so the next request builds a fresh page and the old copies are never read
again (they expire on their own). The version is read *before* a page is rendered: a change
committing during the rendering bumps the version past the one the copy is stored under.

Signed-in people never get these copies: their pages show their own supports, forms and links.
The CSRF token in a cached page is a placeholder replaced for each request. Copies also expire
at the next phase boundary or local midnight (texts like "4 days left"), and after
MAX_AGE seconds at most, for what lives outside the consultation (menus, footer).

With several server processes the cache must be shared (production's database cache or Redis).

The copies are also served *early*, by `AnonymousPageCacheMiddleware` before Wagtail finds the
site and walks the page tree (each a query with the database cache): when a copy is stored for
a visitor without a session cookie, a second entry keyed by host, language and full path keeps
the copy with the consultation's id and the version it was made under. The middleware serves it
only while the consultation's version is still that one: two cache reads, and never stale
counts, since every change bumps the version on commit exactly as for the copies above.
Publishing the consultation page bumps the version too (the early entry cannot see
`last_published_at`).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from config import cache_versions

MAX_AGE = 300
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__MAM_CSRF_TOKEN__"


def _version_key(consultation_id: int) -> str:
    return f"mam:pages:version:{consultation_id}"


def current_version(consultation_id: int) -> int:
    """The consultation's page version."""
    return cache_versions.current(_version_key(consultation_id))


def _bump(consultation_id: int) -> None:
    cache_versions.bump(_version_key(consultation_id))


def pages_changed(consultation_id: int | None) -> None:
    """Make the consultation's cached pages obsolete once the current transaction commits."""
    if consultation_id is not None:
        transaction.on_commit(functools.partial(_bump, consultation_id))


def is_cacheable(request) -> bool:
    """Anonymous GETs without messages waiting (a message belongs to one visitor)."""
    if not getattr(settings, "MAM_PAGE_CACHE", True):
        return False
    if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
        return False
    if request.COOKIES.get("messages"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.session_key and "_messages" in session)


def _seconds_left(consultation, now: datetime.datetime) -> int:
    """Until the next phase starts or ends, or local midnight: what the page says may change."""
    local = timezone.localtime(now)
    midnight = (local + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0)
    moments = [midnight]
    for phase in consultation.phases.all():
        moments += [m for m in (phase.starts_at, phase.effective_end) if m > now]
    return max(1, min(MAX_AGE, int((min(moments) - now).total_seconds())))


def _page_key(request, consultation, version: int) -> str:
    parts = [
        str(version),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
        str(consultation.last_published_at),
        "htmx" if request.headers.get("HX-Request") else "",
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return f"mam:pages:{consultation.pk}:{digest}"


def _from_copy(request, copy: dict) -> HttpResponse:
    content = copy["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=copy["status"], content_type=copy["content_type"])
    response["X-Page-Cache"] = "hit"
    return response


def _store(key: str, response, timeout: int) -> dict | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    copy = {
        "content": content,
        "status": response.status_code,
        "content_type": response["Content-Type"],
        # When the copy lapses: an early entry made later from it must not outlive it.
        "expires": time.time() + timeout,
    }
    cache.set(key, copy, timeout)
    return copy


def _early_eligible(request) -> bool:
    """Anonymous beyond doubt without touching the session: no session or messages cookie."""
    if not getattr(settings, "MAM_PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and not cookies.get("messages")


def _early_key(request) -> str:
    parts = [
        request.get_host(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
        "htmx" if request.headers.get("HX-Request") else "",
    ]
    return "mam:pages:early:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def early_copy(request) -> HttpResponse | None:
    """The stored copy of this URL if its consultation has not changed since, else None."""
    if not _early_eligible(request):
        return None
    entry = cache.get(_early_key(request))
    if entry is None or cache.get(_version_key(entry["consultation"])) != entry["version"]:
        return None
    return _from_copy(request, entry["copy"])


def _store_early(request, consultation_id: int, version: int, copy: dict, timeout: int) -> None:
    if _early_eligible(request):
        entry = {"consultation": consultation_id, "version": version, "copy": copy}
        cache.set(_early_key(request), entry, timeout)


class AnonymousPageCacheMiddleware:
    """Serve anonymous copies before URL routing (place it after the CSRF, locale and
    clickjacking middleware, whose work a served copy still needs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = early_copy(request)
        return response if response is not None else self.get_response(request)


def consultation_published(sender, instance, **kwargs) -> None:
    """Wagtail's page_published/unpublished: a consultation's early copies become obsolete."""
    from consultations.models import ConsultationPage

    page_class = getattr(instance, "specific_class", None) or type(instance)
    if issubclass(page_class, ConsultationPage):
        pages_changed(instance.pk)


def anonymous_cache(view):
    """Serve anonymous visitors a copy of the view's page kept under the consultation's version."""

    @functools.wraps(view)
    def wrapper(request, consultation, *args, **kwargs):
        if not is_cacheable(request):
            return view(request, consultation, *args, **kwargs)
        version = current_version(consultation.pk)
        key = _page_key(request, consultation, version)
        copy = cache.get(key)
        if copy is not None:
            # The copy may have been made for a visitor the middleware does not serve (a session
            # cookie, another host name): this visitor's request gets its early entry now.
            remaining = int(copy.get("expires", 0) - time.time())
            if remaining > 0:
                _store_early(request, consultation.pk, version, copy, remaining)
            return _from_copy(request, copy)
        response = view(request, consultation, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        timeout = _seconds_left(consultation, timezone.now())
        copy = _store(key, response, timeout)
        if copy is not None:
            _store_early(request, consultation.pk, version, copy, timeout)
        response["X-Page-Cache"] = "miss"
        return response

    return wrapper
