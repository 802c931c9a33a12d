"""Production: refuses to start without a secret key and allowed hosts; HTTPS everywhere."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, STORAGES, env_bool

DEBUG = False

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random string of at least 50 characters "
        '(python -c "import secrets; print(secrets.token_urlsafe(64))").'
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")
# Every absolute link at the first allowed host over HTTPS, unless MAM_SITE_URL says where.
site_url_given = os.environ.get("MAM_SITE_URL") or os.environ.get("WAGTAILADMIN_BASE_URL")
if not site_url_given and ALLOWED_HOSTS[0] != "*":
    MAM_SITE_URL = WAGTAILADMIN_BASE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"

# Administrators must set up two-factor authentication before using the admin.
MAM_REQUIRE_ADMIN_MFA = env_bool("MAM_REQUIRE_ADMIN_MFA", True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Rate limits (sign-up, login, codes) must be shared by all workers: a database cache table
# (`manage.py createcachetable`) unless a Redis server is given. Redis out of reach is a miss,
# not a 500 (config/cache.py): everything in this cache can be rebuilt.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ReadAheadRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ReadAheadDatabaseCache",
            "LOCATION": "mam_cache",
        }
    }
STORAGES = {
    **STORAGES,  # "default" and "private" as in base
    "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
}
