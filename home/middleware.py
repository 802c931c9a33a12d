"""Refuse input no page can use before any view sees it."""

import functools

from django.conf import settings
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from config.api_common import error_body
from home.ids import parse_id

# Wagtail's external link chooser reads its URL field unchecked: a POST without it is a 500.
LINK_CHOOSER_FIELDS = {"wagtailadmin_choose_page_external_link": "external-link-chooser-url"}

# Wagtail's admin views take ids as strings (`<str:pk>`, `?id=`) and hand them to the
# database unchecked: every model in this admin has whole-number ids, so anything else is
# refused here rather than becoming a ValueError or an OverflowError (a 500).
ADMIN_ID_KWARGS = ("pk", "page_id", "image_id", "document_id", "parent_page_id")


@functools.lru_cache(maxsize=16)
def _admin_prefix(urlconf: str, script_prefix: str) -> str:
    """Where Wagtail's admin starts: reversed once per URL configuration and script prefix
    (its arguments), not on every view of every page."""
    return reverse("wagtailadmin_home", urlconf=urlconf)


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


class HostileInputMiddleware:
    """A NUL in the path or query string is a 400; an admin id that cannot be one a 404/400.

    No one types a NUL; SQLite's full-text search fails on it and PostgreSQL refuses it in
    any text, so every search box, filter and slug lookup would otherwise answer with a 500.
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

    def process_view(self, request, view_func, view_args, view_kwargs):
        admin = _admin_prefix(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        if not request.path.startswith(admin):
            return None
        for name in ADMIN_ID_KWARGS:
            value = view_kwargs.get(name)
            if isinstance(value, str) and parse_id(value) is None:
                raise Http404
        if any(parse_id(value) is None for value in request.GET.getlist("id")):
            message = _("The address contains a character that is not allowed.")
            return render(request, "400.html", {"message": message}, status=400)
        return _refuse_what_wagtail_fails_on(request, view_kwargs)


def _refuse_what_wagtail_fails_on(request, view_kwargs):
    """POSTs Wagtail's own admin views answer with a 500: refuse them with a 4xx."""
    if request.method != "POST" or request.resolver_match is None:
        return None
    name = request.resolver_match.view_name
    field = LINK_CHOOSER_FIELDS.get(name)
    if field is not None and not request.POST.get(field):
        return HttpResponseBadRequest()
    # The root page has no parent whose children could be reordered.
    if name == "wagtailadmin_pages:set_page_position" and not (
        Page.objects.filter(pk=view_kwargs.get("page_to_move_id"), depth__gt=1).exists()
    ):
        raise Http404
    return None
