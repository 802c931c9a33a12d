"""One round trip for the cache reads a page repeats on every request.

A signed-in page reads a dozen small things from the shared cache one after another: the
session, the site's and the consultation's versions, the site, Wagtail's site root paths, the
menu, breadcrumbs and footer, the shared fragments. Each is a round trip to Redis that the
worker waits for. For the next request of the same address most of those keys are the same,
so each process remembers, per host, full path and whether a session cookie came, the keys
the last GET read, and the next GET (or HEAD) reads them all in one `get_many` before anything
else, with the visitor's own session. The keys that name one person (their row, their permissions,
their email check) are remembered per session instead, under a digest of the session's
cache key (never the cookie itself), and read in the same `get_many`: a signed-in page then
makes one round trip where it made three. The request's reads of those keys are answered
from what was read then.

Nothing is answered that a plain read at that moment could not have returned: the values are
those in the cache at the start of the request; versions are part of the keys, so after a
change the key asked for is a different one and is read as before; the request's own writes
(set, add, incr, delete, ...) forget what was read for that key. The memory is only a
list of keys per address (no values outlive the request), bounded, and the backend
without an active request (commands, jobs, tests calling services) behaves exactly as before.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import re
from collections import defaultdict
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT

MAX_ADDRESSES = 2_000
MAX_KEYS = 64
# Keys that name one person (a session, a person's permissions or email check): never learned
# for an address; each request adds its own session and the personal keys its session read.
# (One learned by mistake costs a wasted read: nobody else's request asks for that key.)
PERSONAL = re.compile(r"django\.contrib\.sessions\.|mam:perms:\d+:|mam:email|mam:user:")
_MISSING = object()
_learned: dict[tuple, list[tuple[str, int | None]]] = {}
# The personal keys (not the session's own) the last GET of a session read, by a digest of
# the session's cache key: read ahead with the session on its next GET.
_personal: dict[str, list[tuple[str, int | None]]] = {}
_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("mam_read_ahead", default=None)


def forget_all() -> None:
    """Forget every learned address and session (tests)."""
    _learned.clear()
    _personal.clear()


@contextlib.contextmanager
def active():
    """Answer this block's repeated reads from what `read` fetched; yields the list of keys
    the block read (as `(key, version)`)."""
    state = {"values": {}, "reads": []}
    token = _memo.set(state)
    try:
        yield state["reads"]
    finally:
        _memo.reset(token)


class ReadAheadMixin:
    """For a cache backend: reads answered from the request's read-ahead while it is active."""

    def _version(self, version):
        return self.version if version is None else version

    def read_ahead(self, pairs) -> None:
        """Read `(key, version)` pairs in one go into the active request's memory."""
        state = _memo.get()
        if state is None or not pairs:
            return
        values = state["values"]
        wanted = [(key, self._version(v)) for key, v in pairs]
        wanted = [pair for pair in dict.fromkeys(wanted) if (id(self), *pair) not in values]
        found = self._fetch(wanted)
        for pair in wanted:
            values[(id(self), *pair)] = found.get(pair, _MISSING)

    def _fetch(self, pairs) -> dict:
        by_version = defaultdict(list)
        for key, version in pairs:
            by_version[version].append(key)
        found = {}
        for version, keys in by_version.items():
            for key, value in super().get_many(keys, version=version).items():
                found[(key, version)] = value
        return found

    def _known(self, key, version):
        """(True, value or _MISSING) when read ahead; (False, None) otherwise."""
        state = _memo.get()
        if state is None:
            return False, None
        pair = (key, self._version(version))
        state["reads"].append(pair)
        slot = (id(self), *pair)
        if slot in state["values"]:
            return True, state["values"][slot]
        return False, None

    def _forget(self, keys, version) -> None:
        state = _memo.get()
        if state is not None:
            for key in keys:
                state["values"].pop((id(self), key, self._version(version)), None)

    def get(self, key, default=None, version=None):
        known, value = self._known(key, version)
        if known:
            return default if value is _MISSING else value
        return super().get(key, default, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        found, rest = {}, []
        for key in keys:
            known, value = self._known(key, version)
            if not known:
                rest.append(key)
            elif value is not _MISSING:
                found[key] = value
        if rest:
            token = _memo.set(None)  # a backend's get_many may call get: not reads of ours
            try:
                found.update(super().get_many(rest, version=version))
            finally:
                _memo.reset(token)
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._forget([key], version)
        return super().set(key, value, timeout, version, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._forget([key], version)
        return super().add(key, value, timeout, version, **kwargs)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._forget(list(data), version)
        return super().set_many(data, timeout, version, **kwargs)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        self._forget([key], version)
        return super().touch(key, timeout, version, **kwargs)

    def delete(self, key, version=None):
        self._forget([key], version)
        return super().delete(key, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._forget(keys, version)
        return super().delete_many(keys, version)

    def incr(self, key, delta=1, version=None):
        self._forget([key], version)
        return super().incr(key, delta, version)

    def decr(self, key, delta=1, version=None):
        self._forget([key], version)
        return super().decr(key, delta, version)

    def clear(self):
        state = _memo.get()
        if state is not None:
            state["values"].clear()
        return super().clear()


def _session_key(request) -> tuple[str, int | None] | None:
    """The cache key of the visitor's session, when the session engine keeps it there."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    if store.session_key is None or settings.SESSION_CACHE_ALIAS != "default":
        return None  # not a well-formed key, or kept in another cache
    cache_key = getattr(store, "cache_key", None)
    return (cache_key, None) if cache_key else None


class ReadAheadMiddleware:
    """Read the keys the last GET of this address read, and the personal keys the last GET of
    this session read, in one round trip, before the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        backend = caches["default"]
        if request.method not in ("GET", "HEAD") or not hasattr(backend, "read_ahead"):
            return self.get_response(request)
        session = _session_key(request)
        host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
        address = (host, request.get_full_path(), session is not None)
        mine = _digest(session[0]) if session else None
        own = [session, *_personal.get(mine, ())] if session else []
        with active() as reads:
            backend.read_ahead([*_learned.get(address, ()), *own])
            response = self.get_response(request)
        pairs = list(dict.fromkeys(reads))
        _remember(_learned, address, [p for p in pairs if not PERSONAL.match(str(p[0]))])
        if session:
            personal = [p for p in pairs if PERSONAL.match(str(p[0])) and p != session]
            _remember(_personal, mine, personal)
        return response


def _digest(session_cache_key: str) -> str:
    return hashlib.sha256(session_cache_key.encode()).hexdigest()


def _remember(memory: dict, where, pairs: list) -> None:
    """Keep the keys read for `where` (bounded: the whole memory is dropped when full)."""
    if not pairs:
        return
    if len(memory) >= MAX_ADDRESSES and where not in memory:
        memory.clear()
    memory[where] = pairs[:MAX_KEYS]
