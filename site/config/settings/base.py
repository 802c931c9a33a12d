"""Settings shared by every environment; each value that differs comes from the environment.

The themed modules hold the larger groups: environment (paths, env_bool, env_list), database,
auth (accounts and sign-in), files (static, media, private), background (tasks, periodic jobs,
retention), wagtail and api (REST framework, OpenAPI). All of them are imported here, so
`config.settings.base` holds every shared setting, as before.
"""

import os

from django.utils.translation import gettext_lazy as _

from config.settings.api import *  # noqa: F403
from config.settings.auth import *  # noqa: F403
from config.settings.background import *  # noqa: F403
from config.settings.database import *  # noqa: F403
from config.settings.environment import *  # noqa: F403
from config.settings.environment import BASE_DIR, SITE_DIR, env_bool, env_list
from config.settings.files import *  # noqa: F403
from config.settings.wagtail import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "jobs",  # before django_tasks_db: its `db_worker` adds recovery and the schedule
    "backups",  # `backup` and `restore`: imports no other app
    "accounts",
    "home",
    "consultations",
    "proposals",
    "voting",  # ballots, paper ballots, the tally and results: above proposals
    "outcomes",  # exports and the council report: above voting
    "casework",  # departments of the town and the cases assigned to them
    "rooms",  # rooms and bookings: below events (an activity holds its room)
    "partners",  # partner organisations: beside rooms, below events (an activity names one)
    "surveys",  # surveys on Wagtail's form builder, under a consultation: above consultations
    "events",  # activities: above consultations (an activity may link to one)
    "initiatives",
    "review",
    "implementation",  # what gets built: records of funded projects
    "retention",
    "outreach",  # newsletters and embeds: above every feature app
    "demo",  # seed_demo and its content: the top of the graph, nothing imports it
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.users_admin.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "leaflet",  # ships Leaflet's files; the map is an enhancement over the list
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # /healthz/ and /readyz/ for load balancers, before host checks and HTTPS redirects.
    "config.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The cache keys this address read last time, in one round trip (config/read_ahead.py).
    "config.read_ahead.ReadAheadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # NULs and ids that cannot be one: a 4xx before any search or lookup sees them.
    "home.middleware.HostileInputMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AdminMFARequiredMiddleware",
    # Appeal bodies' members who are not staff reach their appeals only (review/middleware.py).
    "review.middleware.AppealBodyAdminMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's site lookup from the cache; never answers a request (home/chrome.py).
    "home.chrome.SiteLookupMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.site_navigation",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Benchmarks only: mounts the baseline view at /bench/baseline/ (bench/README.md).
MAM_BENCH = env_bool("MAM_BENCH")

# Voting: the secret keying voters' ballot hashes (SECRET_KEY when empty; never change it while
# a vote runs) and the code version recorded with every counted result (read from .git when
# empty).
MAM_VOTER_KEY_SECRET = os.environ.get("MAM_VOTER_KEY_SECRET", "")
MAM_CODE_VERSION = os.environ.get("MAM_CODE_VERSION", "")

# Languages: Polish first, English second.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [
    BASE_DIR / "locale",  # MAM's own strings (makemessages writes here): first, so they win
    # Wagtail's strings its Polish catalogue lacks or gets wrong. Not named "locale": makemessages
    # would claim a folder of that name for the files beside it and drop these msgids.
    BASE_DIR / "site" / "polish_overrides",
]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("pl", _("Polish"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MAM <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Which sites may frame MAM's embed pages (a CSP frame-ancestors source list; outreach/views.py).
MAM_EMBED_FRAME_ANCESTORS = os.environ.get("MAM_EMBED_FRAME_ANCESTORS", "*")

CACHES = {
    "default": {
        "BACKEND": "config.cache.ReadAheadLocMemCache",
        "LOCATION": "mam",
    }
}
# Sessions read from the cache, written through to the database: with production's Redis a
# signed-in request reads its session without a query (the cache must be shared by all
# server processes: production's Redis or database cache, never locmem with several).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The map tiles residents see (OpenStreetMap by default; a town may host its own).
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_health": {"()": "config.health.QuietHealthChecks"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        # The development server's request log, as Django's default, less the health probes.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["quiet_health"],
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
