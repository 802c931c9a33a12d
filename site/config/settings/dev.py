"""Local development: debug on, a fixed insecure key, emails printed to the console."""

from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MAM_SITE_URL, SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "django-insecure-dev-only-key-never-use-in-production"
# The host `make run HOST=…` serves on (MAM_SITE_URL) is allowed too.
ALLOWED_HOSTS = ALLOWED_HOSTS or [
    "127.0.0.1",
    "localhost",
    "[::1]",
    urlsplit(MAM_SITE_URL).hostname or "localhost",
]
# Serve static files from the apps' folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
