"""Shared reads of the proposals API: a representation that is the same for every caller, kept
per content version of its consultation and per site chrome version."""

import hashlib

from django.core.cache import cache
from rest_framework.response import Response

from config.cache_versions import consultation_key
from config.cache_versions import current as current_version
from home import chrome

MAX_AGE = 300  # seconds a shared representation is kept at most (as the pages' copies)


def _read_key(request) -> str:
    """The key of a read for this address (host, path, query), language and site chrome."""
    parts = [
        str(chrome.request_version(request._request)),
        request.build_absolute_uri(),
        getattr(request._request, "LANGUAGE_CODE", ""),
    ]
    return "mam:api:proposals:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def shared_read(request, consultation_id: int | None, build) -> Response:
    """The same for every caller (no one's own data in proposals' representations): kept
    per content version of the consultation (`config.cache_versions.pages_changed`, bumped on
    commit by every service that changes proposals) and per site chrome version (pages
    unpublished, view restrictions), read before the data, for MAX_AGE seconds at most.

    `consultation_id` None (one proposal): the consultation is learnt from the first answer;
    the representation is kept from the next request on."""
    key = _read_key(request)
    stored = cache.get(key)
    if consultation_id is None and stored is not None:
        consultation_id = stored["consultation"]
    version_key = consultation_key(consultation_id) if consultation_id is not None else None
    version = cache.get(version_key) if version_key else None
    if stored is not None and version is not None and stored["version"] == version:
        return Response(stored["data"])
    response = build()
    if response.status_code != 200:
        return response
    one = "count" not in response.data
    if consultation_id is None:  # one proposal, first read: remember its consultation
        consultation_id = response.data["consultation"]
        cache.set(key, {"consultation": consultation_id, "version": None}, MAX_AGE)
    elif version is None:
        # A consultation with no version yet: start one (after a real answer only, so made-up
        # ids leave no lasting keys); the next read keeps the representation.
        if one or response.data["count"]:
            current_version(consultation_key(consultation_id))
    else:
        stored = {"consultation": consultation_id, "version": version, "data": response.data}
        cache.set(key, stored, MAX_AGE)
    return response
