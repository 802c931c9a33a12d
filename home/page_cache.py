"""Anonymous visitors' copies of whole pages, kept inside Wagtail's serve path.

Wagtail's `serve` view finds the page for the path (a RoutablePage's sub-URL included), runs
the `before_serve_page` hooks, then the `on_serve_page` chain, whose outer link is Wagtail's own
view-restriction check. Two links are added to that chain (home/wagtail_hooks.py):

- `serve_copy`, *inside* the restriction check, answers from a stored copy;
- `store_copy`, *outside* it, stores what the page rendered, unless Wagtail marked the
  response private (it does so for every page that has a view restriction).

So every request, a copy or not, is routed (an unpublished page or ancestor is not found) and
passes the `before_serve_page` hooks and the view restrictions first: a copy can never outlive
the visitor's right to see the page. Copies are made and served only for anonymous GETs with no
message waiting, never while previewing (Wagtail's preview does not go through `serve`), never
for a page class with `page_copies = False`, and stored only from a 200 response without
cookies and without `Cache-Control: private/no-cache/no-store`. The CSRF token in a form is a
placeholder in the copy, replaced for each visitor.

The key holds the versions of everything the page shows:
- the chrome version (home/chrome.py), bumped by signals for Wagtail's own models: pages
  published, unpublished, saved, moved or deleted, view restrictions, sites, images, the
  footer settings;
- the page's content versions (`page.page_copy_versions()`), bumped on commit by the services
  that change them, through the one helper `config.cache_versions.pages_changed`;
- the page, host, language, full path and htmx header.

A copy also lapses at the next local midnight ("4 days left") and at the next moment an app
names through the `page_copy_deadline` hook (the next phase start or end: a consultation's
state, and the home and centre pages' "open now", change by date, not by a write), and after
MAX_AGE seconds at most, for anything else. What a page shows may also change at a moment only
its rendering knows (the next activity on the home page starts or ends): the rendering names it
with `lapse_at(request, moment)` and the copy lapses then too.

With several server processes the cache must be shared (production's Redis or database cache).
"""

from __future__ import annotations

import datetime
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from wagtail import hooks

from config import cache_versions, process_memory
from home import chrome

MAX_AGE = 300
MAX_BYTES = 1_000_000  # a published ballots file is not worth a second copy in the cache
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__MAM_CSRF_TOKEN__"
NOT_SHARED = {"private", "no-cache", "no-store"}


def copyable(page, request) -> bool:
    """An anonymous GET (or HEAD) of a page that may be copied, with no message waiting."""
    if not getattr(settings, "MAM_PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or not getattr(page, "page_copies", True):
        return False
    if _signed_in(request) or request.COOKIES.get("messages"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.session_key and "_messages" in session)


def _signed_in(request) -> bool:
    """Whether the visitor is signed in. Pages are signed into through the session alone, so
    without its cookie nobody is: known without the middleware's lazy user loading an empty
    session for an anonymous user on every copy served."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return user is not None and user.is_authenticated


def page_versions(page, request) -> list[int]:
    """The chrome version and the page's content versions, as they are now."""
    version_keys = getattr(page, "page_copy_versions", tuple)()
    return [
        chrome.request_version(request),
        *(cache_versions.current(key) for key in version_keys),
    ]


def hold_versions(page, request) -> None:
    """Read the page's versions now, before a view reads the rows its shared parts show: the
    parts of this request are keyed by them, so a change committed meanwhile bumps past the
    key instead of being stored under the newer version."""
    request.__dict__.setdefault("_mam_held_versions", {})[page.pk] = page_versions(page, request)


def _versions(page, request) -> list[int]:
    held = getattr(request, "_mam_held_versions", {}).get(page.pk)
    return held or page_versions(page, request)


def copy_key(page, request, kind: str = "copy", versions: list[int] | None = None) -> str:
    """The key of the page's copy (or of its part the same for everyone, `kind="shared"`)
    for this request, from the versions of all it shows."""
    versions = _versions(page, request) if versions is None else versions
    parts = [
        *map(str, versions),
        str(page.pk),
        request.get_host(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
        "htmx" if request.headers.get("HX-Request") else "",
    ]
    return f"mam:{kind}:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def expires_at(now: datetime.datetime) -> datetime.datetime:
    """When a copy made now must lapse: the next deadline an app names, local midnight, or
    MAX_AGE seconds from now, whichever comes first."""
    local = timezone.localtime(now)
    midnight = (local + datetime.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    moments = [now + datetime.timedelta(seconds=MAX_AGE), midnight]
    for deadline in hooks.get_hooks("page_copy_deadline"):
        moment = deadline(now)
        if moment is not None and moment > now:
            moments.append(moment)
    return min(moments)


def lapse_at(request, moment: datetime.datetime | None) -> None:
    """Called while a page renders: its copy must lapse at `moment` (what it shows changes
    then by the clock alone). The earliest moment named during the request wins."""
    if request is None or moment is None:
        return
    earliest = getattr(request, "_mam_copy_lapse", None)
    if earliest is None or moment < earliest:
        request._mam_copy_lapse = moment


def _from_copy(request, copy: dict) -> HttpResponse:
    content = copy["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=copy["status"])
    for header, value in copy["headers"]:
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response


def _lapse(copy: dict) -> float:
    return copy["expires_at"].timestamp()


def _size(copy: dict) -> int:
    return len(copy["content"])


def _storable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(getattr(request, "_messages", None), "added_new", False):
        return False
    directives = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    return not directives & NOT_SHARED and len(response.content) <= MAX_BYTES


def _store(key: str, request, response) -> None:
    now = timezone.now()
    lapse = expires_at(now)
    named = getattr(request, "_mam_copy_lapse", None)
    if named is not None:
        if named <= now:
            return  # already changed: not worth a copy
        lapse = min(lapse, named)
    copy = {
        "content": CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content),
        "status": response.status_code,
        "headers": list(response.items()),
        "expires_at": lapse,
    }
    cache.set(key, copy, max(1, int((lapse - now).total_seconds())))


def serve_copy(callback):
    """on_serve_page, inside Wagtail's view-restriction check: answer from a stored copy."""

    def inner(page, request, serve_args, serve_kwargs):
        key = getattr(request, "_mam_copy_key", None)
        if key is not None:
            # Kept in the process too (config/process_memory.py): the key names the versions.
            known = request._mam_copy_versions_known
            copy = process_memory.read(key, deadline=_lapse, versions_known=known, weight=_size)
            if copy is not None and timezone.now() < copy["expires_at"]:
                request._mam_copy_served = True
                return _from_copy(request, copy)
        return callback(page, request, serve_args, serve_kwargs)

    return inner


def store_copy(callback):
    """on_serve_page, outside Wagtail's view-restriction check: store what the page rendered."""

    def inner(page, request, serve_args, serve_kwargs):
        if not copyable(page, request):
            return callback(page, request, serve_args, serve_kwargs)
        versions = _versions(page, request)  # before rendering: a change meanwhile bumps past
        key = copy_key(page, request, versions=versions)
        request._mam_copy_key = key
        request._mam_copy_versions_known = None not in versions
        response = callback(page, request, serve_args, serve_kwargs)
        # What a signed-in visitor sees differs: no shared cache on the way may hand this
        # answer to a request with another cookie (SessionMiddleware says so only when the
        # session was read, and an anonymous copy reads none).
        patch_vary_headers(response, ("Cookie",))
        if getattr(request, "_mam_copy_served", False):
            return response
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _storable(request, response):
            _store(key, request, response)
        response["X-Page-Cache"] = "miss"
        return response

    return inner


def shared_part(page, request, render, *, name: str = "") -> str:
    """The part of `page` that is the same for every visitor (signed in or not), rendered by
    `render()` once per version of all it shows, under the same key and lapse rules as the
    anonymous copies (the person's own bits stay outside it, rendered per request).

    A part read from the cache names its lapse to the request (`lapse_at`), so an anonymous
    copy made around it lapses when the part would have. A page with several parts names
    each (`name`).
    """
    if not getattr(settings, "MAM_PAGE_CACHE", True) or getattr(request, "is_preview", False):
        return render()
    key = copy_key(page, request, kind=f"shared:{name}" if name else "shared")
    now = timezone.now()
    part = cache.get(key)
    if part is not None and now < part["expires_at"]:
        lapse_at(request, part["expires_at"])
        html = part["html"]
        if CSRF_PLACEHOLDER.decode() in html:
            html = html.replace(CSRF_PLACEHOLDER.decode(), get_token(request))
        return html
    html = str(render())
    lapse = expires_at(now)
    named = getattr(request, "_mam_copy_lapse", None)
    if named is not None:
        if named <= now:
            return html
        lapse = min(lapse, named)
    stored = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", html.encode()).decode()
    timeout = max(1, int((lapse - now).total_seconds()))
    cache.set(key, {"html": stored, "expires_at": lapse}, timeout)
    return html
