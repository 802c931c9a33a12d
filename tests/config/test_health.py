"""/healthz/ and /readyz/: answered first, no session or page work, honest about what fails."""

import logging

import pytest
from django.core.cache import cache
from django.db import OperationalError

from config import health


def test_healthz_answers_without_touching_the_database(client):
    # No database access is allowed in this test: a single query would raise.
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_readyz_reports_every_part_ok(client):
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "storage": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", down)
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["database"] == "OperationalError"
    assert "refused" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_loses_what_it_stored(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["cache"] == "RuntimeError"


def test_cache_check_passes_when_another_probe_runs_between_its_write_and_read(monkeypatch):
    real_get, interleaved = cache.get, []

    def get_after_another_probe(key, *args, **kwargs):
        if not interleaved:  # a second probe (another thread) runs here, once
            interleaved.append(key)
            health.CHECKS["cache"]()
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get_after_another_probe)
    health.CHECKS["cache"]()  # raises RuntimeError when both probes share one key
    assert interleaved


@pytest.mark.django_db
def test_readyz_is_503_when_a_storage_is_unreachable(client, monkeypatch):
    def unreachable(name):
        raise OSError("no route to host")

    monkeypatch.setattr(health.storages["private"], "exists", unreachable)
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["storage"] == "OSError"


def test_health_probes_skip_host_checks_and_https_redirects(client, settings):
    settings.ALLOWED_HOSTS = ["mam.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz/", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200


def test_request_log_leaves_out_health_probes_but_not_pages():
    quiet = health.QuietHealthChecks()

    def record(message):
        return logging.LogRecord("django.server", logging.INFO, "", 0, message, None, None)

    assert not quiet.filter(record('"GET /healthz/ HTTP/1.1" 200 15'))
    assert not quiet.filter(record('"GET /readyz/ HTTP/1.1" 503 60'))
    assert quiet.filter(record('"GET /nowy-sacz/ HTTP/1.1" 200 8123'))
