"""Refuse input no page can use before any view sees it."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.api_common import error_body


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class RefuseNulMiddleware:
    """A NUL character in the path or the query string is a 400, everywhere.

    No one types one; SQLite's full-text search fails on it and PostgreSQL refuses it in any
    text, so every search box, filter and slug lookup would otherwise answer with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _has_nul(request):
            return self.get_response(request)
        message = _("The address contains a character that is not allowed.")
        if request.path.startswith("/api/"):
            return JsonResponse(error_body("invalid", message), status=400)
        return render(request, "400.html", {"message": message}, status=400)
