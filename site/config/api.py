"""The public API's router; each app registers its viewsets in its own api.py."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()


def public_paths_only(endpoints):
    """Keep Wagtail's admin API and other internals out of the published schema."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
