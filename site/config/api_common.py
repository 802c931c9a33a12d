"""What every endpoint of the public API shares: error bodies, throttles, pages, ETags.

Apps import from here; config.api imports the apps' viewsets to route them, so keeping
these pieces apart from the router avoids an import cycle.
"""

import math
from functools import partial

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import set_rollback

# --- Error bodies -----------------------------------------------------------------------------


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [text for value in detail.values() for text in _flatten(value)]
    if isinstance(detail, list):
        return [text for value in detail for text in _flatten(value)]
    return [str(detail)]


def _fields(detail: dict) -> dict:
    return {
        key: _flatten(value)
        for key, value in detail.items()
        if key != api_settings.NON_FIELD_ERRORS_KEY
    }


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    """The body of every API error: {"error": {"code", "message", "fields"}}."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _from_django_validation(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key): messages
            for key, messages in exc.message_dict.items()
        }
        return exceptions.ValidationError(detail)
    return exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})


def exception_handler(exc, context):
    """Answer every handled error with the same body; services' Django errors included.

    Django's ValidationError (raised by services) becomes a 400; PermissionDenied a 403. The
    participation rule's refusals (consultations.participation.NotAllowed, with a `decision`)
    keep their reason code and message: a 401 when signing in is the next step, else a 403.
    """
    code_override = None
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        decision = getattr(exc, "decision", None)
        code_override = getattr(decision, "code", "") or None
        message = str(getattr(decision, "reason", "") or exc) or None
        if code_override == "login":
            exc = exceptions.NotAuthenticated(message)
            exc.auth_header = "Token"
        else:
            exc = exceptions.PermissionDenied(message)
    if not isinstance(exc, exceptions.APIException):
        return None

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"": exc.detail}
        general = _flatten(detail.get(api_settings.NON_FIELD_ERRORS_KEY, [])) + _flatten(
            detail.get("", [])
        )
        fields = _fields({k: v for k, v in detail.items() if k != ""})
        message = " ".join(general) or _("Some of the data sent is not valid.")
        body = error_body("invalid", message, fields)
    else:
        code = code_override or (exc.get_codes() if isinstance(exc.get_codes(), str) else "error")
        body = error_body(code, str(exc.detail))
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


def not_found(request, *args, **kwargs):
    """A JSON 404 for addresses under /api/ that lead nowhere (not the site's HTML page)."""
    return JsonResponse(error_body("not_found", _("Nothing lives at this address.")), status=404)


ERROR_SERIALIZER = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorDetail",
            {
                "code": serializers.CharField(help_text="A word for programs, e.g. `invalid`."),
                "message": serializers.CharField(help_text="A sentence for people."),
                "fields": serializers.DictField(
                    child=serializers.ListField(child=serializers.CharField()),
                    help_text="What is wrong with each field sent, when that is the problem.",
                ),
            },
        )
    },
)


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(ERROR_SERIALIZER, description=description)


WRITE_ERRORS = {
    400: error_response("The data sent breaks a rule; the message says which."),
    401: error_response("Not signed in: send `Authorization: Token …` or a session cookie."),
    403: error_response("Refused: the phase is over, the account may not take part, ..."),
    404: error_response("No such object (or it is hidden)."),
}


# --- Throttling ---------------------------------------------------------------------------------


class _RuntimeRates:
    """Read the rate from the settings on each request (DRF reads them once, at import)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_RuntimeRates, AnonRateThrottle):
    pass


class UserThrottle(_RuntimeRates, UserRateThrottle):
    pass


class WriteThrottle(_RuntimeRates, UserRateThrottle):
    """A stricter limit on writes (proposals, comments, supports, ballots) per person."""

    scope = "write"

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)


class ScopedUploadThrottle(_RuntimeRates, UserRateThrottle):
    """Uploads of one kind (the subclass's `scope`, its rate in DEFAULT_THROTTLE_RATES) per
    person, beyond the general limits: an image is checked and resized, which costs more than a
    write. Beyond the rate, a 429 whose message (`refusal`) says when to try again."""

    def refusal(self, minutes: int) -> str:
        return ngettext(
            "Too many uploads in a short time. Try again in %(minutes)s minute.",
            "Too many uploads in a short time. Try again in %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}

    def allow_request(self, request, view):
        if request.method != "POST" or super().allow_request(request, view):
            return True
        wait = self.wait()
        throttled = exceptions.Throttled(detail=self.refusal(max(1, math.ceil(wait / 60))))
        throttled.wait = wait
        raise throttled


# --- Pages and ETags ----------------------------------------------------------------------------


class Pagination(PageNumberPagination):
    """Pages of 20 by default; `page_size` up to 100."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def _conditional(request, response):
    if response.status_code != 200 or response.streaming:
        return None
    set_response_etag(response)
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


class ConditionalGetMixin:
    """Give read responses an ETag (a hash of the body) and answer If-None-Match with 304.

    The tag is computed from the rendered body rather than from a cheaper guess such as the
    newest `updated_at`: supports and comments change counters without touching the
    rows' timestamps, and a stale 304 would hide them.
    """

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and isinstance(response, Response):
            response.add_post_render_callback(partial(_conditional, request))
        return response
