"""Absolute links, all at settings.MAM_SITE_URL: the one setting that says where the site lives."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    """The site's address, scheme://host[:port], without a trailing slash."""
    return settings.MAM_SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (from reverse() or a page's URL) as an absolute link at the site's address.

    A full URL (Wagtail's, built from a Site record) keeps only its path and query, so no
    link ever carries another host.
    """
    if not path:
        return ""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
    return site_url() + "/" + path.lstrip("/")


def page_absolute_url(page, request=None) -> str:
    """A page's absolute link ("" for a page outside every site)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    return absolute_url(parts[2])
