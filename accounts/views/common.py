"""Small helpers the residents' views share."""

from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def safe_next(request, default: str | None = "/") -> str | None:
    """The `next` URL from the form or the query string if it stays on this site, else `default`.

    `default` may be a URL or a URL name; None means no default.
    """
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(default) if default else None


def with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url
