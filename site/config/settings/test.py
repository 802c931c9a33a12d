"""Tests: fast hashing, in-memory mail, no persistent connections leaking between tests."""

from config.storage import routed

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, REST_FRAMEWORK

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    # Documents go to "private" as in production (config.storage.MediaStorage).
    "default": routed({"BACKEND": "django.core.files.storage.InMemoryStorage"}),
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
# A task runs where it is queued; tests/jobs run the database queue and its worker for real.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAM_SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# A stand-in contribution model for testing the moderation mechanism on its own.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
# Serve static files from the apps' folders without collectstatic, as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No API throttling in tests (the cache outlives each test); tests/api/test_errors.py
# turns it on to prove it.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "write": None},
}
