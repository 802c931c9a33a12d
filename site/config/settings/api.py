"""The public API: Django REST framework and its OpenAPI schema (drf-spectacular)."""

import os

from django.utils.translation import gettext_lazy as _

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
