"""Redis out of reach is a cache miss, not a 500 (config/cache.py)."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from accounts import ratelimit
from config import cache_versions


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def unreachable_redis():
    location = f"redis://127.0.0.1:{closed_port()}/0"
    backend = {"BACKEND": "config.cache.ResilientRedisCache", "LOCATION": location}
    with override_settings(CACHES={"default": backend}):  # Django resets its caches
        yield caches["default"]


def test_reads_miss_and_writes_are_skipped_while_redis_is_unreachable(unreachable_redis):
    unreachable_redis.set("key", "value")
    assert unreachable_redis.get("key", "default") == "default"
    assert unreachable_redis.get_many(["key"]) == {}
    assert unreachable_redis.add("key", 1) is False
    assert unreachable_redis.delete("key") is False


def test_rate_limits_let_people_through_while_redis_is_unreachable(unreachable_redis):
    assert ratelimit.hit("post", "someone", limit=1, period=60)
    assert not ratelimit.is_limited("post", "someone", limit=1, period=60)


def test_page_versions_start_afresh_while_redis_is_unreachable(unreachable_redis):
    cache_versions.bump("mam:test")  # no exception: the bump is lost with the cache
    assert cache_versions.current("mam:test") is None


@pytest.mark.django_db
def test_the_home_page_answers_while_redis_is_unreachable(unreachable_redis, client, home_page):
    assert client.get("/").status_code == 200


def test_the_read_ahead_misses_while_redis_is_unreachable():
    from config import read_ahead

    location = f"redis://127.0.0.1:{closed_port()}/0"
    backend = {"BACKEND": "config.cache.ReadAheadRedisCache", "LOCATION": location}
    with override_settings(CACHES={"default": backend}), read_ahead.active():
        cache = caches["default"]
        cache.read_ahead([("key", None), ("wagtail_site_root_paths", 2)])
        assert cache.get("key", "default") == "default"
        assert cache.get_many(["key"]) == {}


def test_the_redis_client_is_made_once_per_connection_pool(unreachable_redis):
    client = unreachable_redis._cache
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True) is client.get_client("b", write=True)
