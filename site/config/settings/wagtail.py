"""Wagtail: the site's name and address, search, documents, images and embeds."""

import os

from config.settings.database import DATABASES

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
