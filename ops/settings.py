"""Production settings for the cluster on one machine over plain HTTP on loopback (ops/cluster.py).

Never for a real site: HTTPS is off because nginx listens on 127.0.0.1 without a certificate.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import env_bool

# Plain HTTP on 127.0.0.1: no HTTPS redirect, no HSTS, cookies without `Secure` (a browser
# or HTTP client would not send them back over http://).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405  media and private files as in production
    "staticfiles": {"BACKEND": "ops.staticfiles.StaticFilesStorage"},
}

if env_bool("MAM_CLUSTER_CHECK"):
    # The loss test (ops/check.py) signs 200 throwaway residents in from 127.0.0.1 within
    # seconds and has them change their ballots every few seconds: a fast hash for their
    # passwords (bench/generate.py hashes with these settings too), no per-IP sign-in limits
    # and a casting limit above their pace. Everything else is production's.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ACCOUNT_RATE_LIMITS = False
    MAM_VOTE_RATE_LIMIT = {"limit": 1_000_000, "period": 60}
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
