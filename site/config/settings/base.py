"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet_markercluster as xstatic_markercluster
from django.utils.translation import gettext_lazy as _

from config.schedule import SCHEDULE
from config.storage import file_storages

CONFIG_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = CONFIG_DIR.parent
BASE_DIR = SITE_DIR.parent
VAR_DIR = Path(os.environ.get("MAM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


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

# SQLite under var/ unless DATABASE_URL says otherwise (postgres://... in production and CI).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections buy nothing on SQLite and keep files locked in tests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # ModelBackend with the permission sets kept in the cache (accounts/backends.py).
    "accounts.backends.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email is the login; confirmation before contributing.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming in the browser that signed up signs the resident in and returns them to the sign-up's
# `next` (allauth does this only within that session); elsewhere the link's own `next` leads to
# signing in first (accounts.adapter.AccountAdapter.get_email_confirmation_url).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/m/key",
    "signup": "20/h/ip",
    "reset_password": "5/h/ip,3/h/key",
}
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# Our sign-up adds the public display name and consent; the adapter files new users as residents.
ACCOUNT_FORMS = {"signup": "accounts.forms_public.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[MAM] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "MAM"
# Staff sign in through allauth (rate limits, two-factor codes), never a second login form;
# signed-in people without admin access are told so there instead of going round in circles.
WAGTAILADMIN_LOGIN_URL = "accounts:admin_sign_in"
MAM_REQUIRE_ADMIN_MFA = env_bool("MAM_REQUIRE_ADMIN_MFA")
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

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    SITE_DIR / "static",
    # Marker clustering for the proposals map, from its XStatic package.
    ("leaflet-markercluster", xstatic_markercluster.BASE_DIR),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Files only staff may download (background exports, council reports): outside MEDIA_ROOT, so
# the web server in front never serves them; they go out only through the admin's checked
# download views. With AWS_STORAGE_BUCKET_NAME set, media and private files live in two
# S3-compatible buckets instead (config.storage.file_storages; README: "Files").
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    **file_storages(os.environ, private_root=PRIVATE_ROOT),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

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

# Background work goes through Django's tasks API (the django-tasks backport Wagtail uses) on
# a queue in the database, run by `manage.py db_worker` (README: "The task worker"). Tests
# use the immediate backend (it runs a task where it is queued) unless a test asks otherwise.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A worker silent this long is taken for dead and its running tasks are queued again.
MAM_WORKER_LEASE_SECONDS = int(os.environ.get("MAM_WORKER_LEASE_SECONDS", "60"))
MAM_SCHEDULE = SCHEDULE  # the periodic jobs: config/schedule.py
# Activity reminders go out the day before a date, from this hour (Polish time, 0-22; the
# hourly send_activity_reminders job sends them at its first run from then on).
MAM_ACTIVITY_REMINDER_HOUR = min(
    max(int(os.environ.get("MAM_ACTIVITY_REMINDER_HOUR", "10")), 0), 22
)
# Officials get a reminder this many days before a case is due, and on the day (casework).
MAM_CASE_REMINDER_DAYS = int(os.environ.get("MAM_CASE_REMINDER_DAYS", "3"))
# Officials are emailed a digest of appeals whose decision is due within these days or overdue.
MAM_APPEAL_REMINDER_DAYS = int(os.environ.get("MAM_APPEAL_REMINDER_DAYS", "3"))
# Which sites may frame MAM's embed pages (a CSP frame-ancestors source list; outreach/views.py).
MAM_EMBED_FRAME_ANCESTORS = os.environ.get("MAM_EMBED_FRAME_ANCESTORS", "*")
# Newsletters: recipients per batch and the seconds between batches (outreach/services.py).
MAM_NEWSLETTER_BATCH = int(os.environ.get("MAM_NEWSLETTER_BATCH", "100"))
MAM_NEWSLETTER_BATCH_SECONDS = int(os.environ.get("MAM_NEWSLETTER_BATCH_SECONDS", "60"))

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

# Wagtail
WAGTAIL_SITE_NAME = "MAM – Miejsca Aktywności Mieszkańców"
# Where the site lives (scheme://host[:port]): every absolute link (emails, printed code sheets,
# the report, exports, the API's `url` fields, the sitemap and feeds) starts here, through
# home.links.absolute_url. `make run HOST=… PORT=…` sets it; seed_demo points the Wagtail Site
# at it. WAGTAILADMIN_BASE_URL (Wagtail's own emails) is the same address.
MAM_SITE_URL = (
    os.environ.get("MAM_SITE_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_BASE_URL = MAM_SITE_URL
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL: the `polish` configuration (proposals migration 0008: hunspell-pl
        # lemmas, or simple+unaccent without the dictionary). SQLite ignores it.
        "SEARCH_CONFIG": os.environ.get("SEARCH_CONFIG")
        or ("polish" if "postgresql" in DATABASES["default"]["ENGINE"] else None),
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents through Wagtail's view (its privacy checks), never a redirect to the bucket.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_USER_CUSTOM_FIELDS = ["display_name"]
WAGTAILUSERS_PASSWORD_REQUIRED = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "config.api_common.Pagination",
    "PAGE_SIZE": 20,
    # Scripts send `Authorization: Token …` (first, so anonymous writes get 401 with a
    # WWW-Authenticate header); the site's own JavaScript uses the session, with CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # JSON only: /api/docs/ is the place to try the API in a browser.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "config.api_common.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "config.api_common.AnonThrottle",
        "config.api_common.UserThrottle",
        "config.api_common.WriteThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "120/min"),
        "user": os.environ.get("API_THROTTLE_USER", "600/min"),
        "write": os.environ.get("API_THROTTLE_WRITE", "30/min"),
        "photo_upload": os.environ.get("API_THROTTLE_PHOTO_UPLOAD", "10/hour"),
    },
    "NUM_PROXIES": int(os.environ["API_NUM_PROXIES"])
    if os.environ.get("API_NUM_PROXIES")
    else None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MAM API",
    # Lazy: the schema (and the docs page that shows it) speaks the request's language.
    "DESCRIPTION": _(
        "Public data of the MAM participation platform: centres, consultations, proposals, "
        "comments, results and anonymised ballots; pages through Wagtail's pages API. "
        "Reading needs no account. Writing (proposals, comments, supports, offers of help, "
        "ballots) needs `Authorization: Token <key>` (create the key on your profile) or "
        "the site's session with its CSRF token, and follows the same rules as the site. "
        'Every error answers `{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed package, not a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Wagtail's admin API is DRF too; keep it out of the public schema.
    "PREPROCESSING_HOOKS": ["config.api.public_paths_only"],
    "ENUM_NAME_OVERRIDES": {
        "ProposalStatusEnum": "proposals.models.Proposal.Status",
        "ImplementationStatusEnum": "implementation.models.Status",
        "ConsultationStatusEnum": ["open", "upcoming", "finished"],
    },
    "COMPONENT_SPLIT_REQUEST": True,
}

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

# Exports for officials: larger ones run as background tasks; their files are kept this long.
MAM_EXPORT_BACKGROUND_ROWS = int(os.environ.get("MAM_EXPORT_BACKGROUND_ROWS", "5000"))
MAM_EXPORT_RETENTION_DAYS = int(os.environ.get("MAM_EXPORT_RETENTION_DAYS", "7"))

# How long personal data is kept, in days, per kind (retention.services.apply_retention, run
# daily; the reasons for each default are in docs/retention.md and the privacy notice):
# paper voters' names and addresses after the result is published (it can then no longer be
# challenged), residency declarations after the verification they support ended (or after
# rejection), support lists after the consultation's last phase ended.
MAM_RETENTION_DAYS = {
    "paper_voters": int(os.environ.get("MAM_RETENTION_PAPER_VOTERS_DAYS", "90")),
    "residency_declarations": int(os.environ.get("MAM_RETENTION_DECLARATIONS_DAYS", "180")),
    "supports": int(os.environ.get("MAM_RETENTION_SUPPORTS_DAYS", "365")),
    "room_callers": int(os.environ.get("MAM_RETENTION_ROOM_CALLERS_DAYS", "90")),
    "desk_sign_ups": int(os.environ.get("MAM_RETENTION_DESK_SIGNUPS_DAYS", "90")),
}
