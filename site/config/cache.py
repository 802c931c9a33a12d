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
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from config.read_ahead import ReadAheadMixin

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _unreachable(operation: str, error: Exception) -> None:
    logger.warning("Redis unreachable (%s), carrying on without the cache: %s", operation, error)


class ResilientRedisCache(RedisCache):
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
