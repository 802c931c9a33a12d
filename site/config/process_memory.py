"""Values of the shared cache kept unpickled in this process, for keys read on every page.

An anonymous page answered from its copy reads, besides two or three version numbers, the
site with its root page, where the page's route ended, "no view restriction here" and the
copy itself: unpickling them from Redis was a tenth of such a request, and sending the copy
(17–45 KB) kept Redis busy on the same cores (bench/RESULTS.md). Those keys name the versions
of everything their values hold (the chrome version, a page's content versions), and the
versions are read from the shared cache on every request. So a value kept here under the same
key is the value the shared cache holds under it: a change anywhere bumps a version, and the
next request of every server asks for another key at once.

A value is kept only as it was read from the shared cache, only while the versions in its key
could be read (never while the cache is unreachable), and never past its own deadline, stored
with it in the shared cache (a copy's lapse, or the end of the time the shared cache keeps it).
The memory is bounded in entries and bytes (emptied when full). Several requests of a process
may read a value at once: model instances are handed out as private copies (`private_copy`), and
the other values (a copy's bytes and headers, a flag) are only read.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Model
from django.utils import timezone

MAX_ENTRIES = 1_000
MAX_BYTES = 32 * 1024 * 1024  # what the kept values weigh at most (their `weight`), per process
_kept: dict[str, tuple[float, object]] = {}
_weight = {"total": 0}


def read(key: str, *, deadline, versions_known: bool = True, weight=None):
    """The value under `key`: kept in this process, or read from the shared cache (and kept
    until `deadline(value)`, a POSIX time, when the key's versions were read). None when the
    shared cache has nothing either. Model instances in it must be copied before use.
    `weight(value)` is its size in bytes, for values that can be large (page copies)."""
    value = recall(key)
    if value is not None:
        return value
    value = cache.get(key)
    if value is not None and versions_known:
        keep(key, value, until=deadline(value), weight=weight(value) if weight else 0)
    return value


def recall(key: str):
    """The value kept under `key`, or None (never kept, or past its deadline)."""
    entry = _kept.get(key)
    if entry is None:
        return None
    deadline, value = entry
    if _now() >= deadline:
        _kept.pop(key, None)
        return None
    return value


def keep(key: str, value, *, until: float, weight: int = 0) -> None:
    """Keep `value`, read from the shared cache under `key`, until `until` (a POSIX time)."""
    if until <= _now() or weight > MAX_BYTES // 8:
        return
    full = len(_kept) >= MAX_ENTRIES or _weight["total"] + weight > MAX_BYTES
    if full and key not in _kept:
        forget_all()
    _kept[key] = (until, value)
    _weight["total"] += weight


def lapse_in(seconds: float) -> float:
    """The POSIX time `seconds` from now, on the clock the memory reads (Django's)."""
    return _now() + seconds


def _now() -> float:
    return timezone.now().timestamp()


def forget_all() -> None:
    """Forget every kept value (tests, and anything that empties the shared cache)."""
    _kept.clear()
    _weight["total"] = 0


def private_copy(instance: Model, _copies: dict | None = None) -> Model:
    """A copy of a kept model instance for one request, sharing nothing a request changes.

    Django and Wagtail remember things on an instance while it is used: related rows in
    `_state.fields_cache`, `specific`, cached properties in `__dict__`. Each request gets its
    own `__dict__` and state, with the instances it holds copied the same way (the site's
    root page and its specific page). Field values are shared: no view changes them in place.
    """
    copies = {} if _copies is None else _copies
    done = copies.get(id(instance))
    if done is not None:
        return done
    cls = instance.__class__
    duplicate = cls.__new__(cls)
    copies[id(instance)] = duplicate
    values = instance.__dict__.copy()
    kept_state = values["_state"]
    state = kept_state.__class__.__new__(kept_state.__class__)
    state.__dict__.update(kept_state.__dict__)
    state.fields_cache = {
        name: private_copy(related, copies) if isinstance(related, Model) else related
        for name, related in state.fields_cache.items()
    }
    values["_state"] = state
    for name, value in values.items():
        if isinstance(value, Model):
            values[name] = private_copy(value, copies)
    duplicate.__dict__ = values
    return duplicate
