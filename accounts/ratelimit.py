"""A small fixed-window rate limit on the shared cache, for our own forms (codes, posting)."""

import time

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one attempt; return False once `limit` attempts were made in this `period`."""
    window = int(time.time() // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def is_limited(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Whether `key` has used up its attempts, without counting one."""
    window = int(time.time() // period)
    return (cache.get(f"ratelimit:{scope}:{key}:{window}") or 0) >= limit
