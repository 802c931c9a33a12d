"""Production settings for a load run on one machine over plain HTTP (never for a real site)."""

import os

from config.settings.production import *  # noqa: F403

# The load run talks plain HTTP to 127.0.0.1: no HTTPS redirect, cookies without `Secure`.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
MAM_REQUIRE_ADMIN_MFA = False
MAM_BENCH = True
# The shared cache of production: Redis when REDIS_URL is set (bench/run.py starts a throwaway
# redis-server when the machine has one), else a database table; MAM_BENCH_CACHE=file with
# MAM_BENCH_CACHE_DIR puts it in a directory instead, to compare.
if os.environ.get("MAM_BENCH_CACHE") == "file":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["MAM_BENCH_CACHE_DIR"],
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }
elif CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 50_000}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Production's CompressedManifestStaticFilesStorage stops collectstatic on a missing
# leaflet.markercluster.js.map (see RESULTS.md); compressed files without the manifest serve
# the same bytes for weighing pages.
STORAGES = {
    **STORAGES,  # noqa: F405  "default" and "private" as in production
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Simulated residents all sign in from 127.0.0.1 within seconds: allauth's per-IP limits
# would refuse them, so the load run switches rate limits off.
ACCOUNT_RATE_LIMITS = False
# Signing in 8–10 simulated residents with PBKDF2 costs seconds of CPU inside a 10–20 s
# measurement on 2 cores: the throwaway accounts use a fast hash (bench/generate.py hashes
# with these settings too).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Simulated residents re-cast their ballots without pauses: the per-resident limit on casting
# (10 a minute) would turn the measurement into 429s; the API's throttles likewise.
MAM_VOTE_RATE_LIMIT = {"limit": 1_000_000, "period": 60}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "write": None},
}
# Publishing a result mails every author; the throwaway accounts' mail goes nowhere.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
