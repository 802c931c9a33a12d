"""Django's Redis cache, degraded rather than down while Redis cannot be reached.

Everything MAM keeps in the cache can be lost: page copies and fragments are rebuilt, versions
restart from the clock (config/cache_versions.py), sessions are `cached_db` (the database has
them), rate limits start counting again. So while Redis restarts or is unreachable, a read is a
miss and a write is skipped, with a warning in the log, and residents keep voting; a plain
RedisCache answers every request that touches the cache with a 500 meanwhile.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from config.read_ahead import ReadAheadMixin

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _unreachable(operation: str, error: Exception) -> None:
    logger.warning("Redis unreachable (%s), carrying on without the cache: %s", operation, error)


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's client, with one `redis.Redis` per connection pool made once instead of one
    per cache call: redis-py fills a table of about 200 response callbacks in each, a tenth of
    the CPU of an API request answered from the cache (bench/RESULTS.md, 2026-12-05 13:30).
    A `redis.Redis` over a pool is safe to share; the pools are Django's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            _unreachable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            _unreachable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            _unreachable("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            _unreachable("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            _unreachable("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            _unreachable("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            _unreachable("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            _unreachable("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNREACHABLE as error:
            _unreachable("delete_many", error)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            _unreachable("incr", error)
            # As for a key the cache lost: the callers (versions, rate limits) start afresh.
            raise ValueError("the cache is unreachable") from error

    def clear(self):
        try:
            super().clear()
        except UNREACHABLE as error:
            _unreachable("clear", error)


class ReadAheadRedisCache(ReadAheadMixin, ResilientRedisCache):
    """Production's Redis, with the request's read-ahead (config/read_ahead.py) in one MGET."""

    def _fetch(self, pairs) -> dict:
        made = {self.make_and_validate_key(key, version): (key, version) for key, version in pairs}
        try:
            found = self._cache.get_many(list(made))
        except UNREACHABLE as error:
            _unreachable("get_many", error)
            return {}
        return {made[key]: value for key, value in found.items()}


class ReadAheadDatabaseCache(ReadAheadMixin, DatabaseCache):
    """The database cache table, with the request's read-ahead (one query)."""


class ReadAheadLocMemCache(ReadAheadMixin, LocMemCache):
    """One process's memory (development, tests), with the request's read-ahead."""
