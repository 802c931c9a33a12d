"""Health endpoints for load balancers and process supervisors.

`/healthz/` says the process answers; `/readyz/` says it can serve: the database, the shared
cache and both file storages are reachable. They are answered by the first middleware, before
sessions, locale, host checks and HTTPS redirects, so a probe over plain HTTP to an internal
address works and costs no session or database row; the access log leaves them out
(`QuietHealthChecks`).
"""

import logging
import secrets

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse

logger = logging.getLogger(__name__)

HEALTH_PATHS = ("/healthz/", "/readyz/")


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache() -> None:
    # A key per probe: probes running at once (a slow start, two load balancers) would
    # otherwise overwrite each other's value and report a healthy cache as failing.
    token = secrets.token_hex(8)
    key = f"readyz-probe-{token}"
    cache.set(key, token, timeout=10)
    if cache.get(key) != token:
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _storages() -> None:
    # `exists` reaches the store (a stat on disk, a HEAD request on S3) without writing.
    for alias in ("default", "private"):
        storages[alias].exists("readyz-probe")


CHECKS = {"database": _database, "cache": _cache, "storage": _storages}


def readiness() -> tuple[bool, dict[str, str]]:
    """Run every check; each says "ok" or the kind of error (never its text: no secrets)."""
    report = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 (any failure means "not ready")
            logger.warning("readyz: %s failed: %r", name, error)
            report[name] = type(error).__name__
        else:
            report[name] = "ok"
    return all(value == "ok" for value in report.values()), report


class HealthCheckMiddleware:
    """Answer the two health paths before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz/":
            return _no_store(JsonResponse({"status": "ok"}))
        if request.path == "/readyz/" and request.method in ("GET", "HEAD"):
            ready, report = readiness()
            return _no_store(JsonResponse(report, status=200 if ready else 503))
        return self.get_response(request)


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


class QuietHealthChecks(logging.Filter):
    """Leave probes out of the request log (they come every few seconds)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not any(f" {path} " in message or f" {path}?" in message for path in HEALTH_PATHS)
