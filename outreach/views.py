"""Embeddable pages for other sites' frames, and the oEmbed endpoint that announces them.

The embed pages are the only ones another site may frame (`xframe_options_exempt`, and the
`frame-ancestors` of MAM_EMBED_FRAME_ANCESTORS); every other page keeps Django's DENY.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from accounts import ratelimit
from accounts.models import User
from config import cache_versions
from consultations.models import ConsultationPage
from events import selectors as event_selectors
from home import chrome
from home.ids import parse_id
from home.links import absolute_url, page_absolute_url, site_url
from initiatives.models import Initiative
from outreach import embeds, services

CACHE_SECONDS = 300
ACTIVITIES_SHOWN = 8
FOLLOW_LIMIT = {"limit": 30, "period": 60}


def _framed(response: HttpResponse) -> HttpResponse:
    ancestors = getattr(settings, "MAM_EMBED_FRAME_ANCESTORS", "*")
    response["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    return response


def _cached(request, key_parts: list, versions: list[str], render) -> HttpResponse:
    """The rendered embed, kept for anonymous visitors under the versions of what it shows."""
    if request.user.is_authenticated:
        return _framed(HttpResponse(render()))
    numbers = [str(chrome.request_version(request))]
    numbers += [str(cache_versions.current(key)) for key in versions]
    key = ":".join(["mam:embed", *map(str, key_parts), get_language() or "", *numbers])
    body = cache.get(key)
    if body is None:
        body = render()
        cache.set(key, body, CACHE_SECONDS)
    return _framed(HttpResponse(body))


@require_GET
@xframe_options_exempt
def embed_consultation(request, pk: int):
    page = embeds.consultation(pk)

    def render():
        return render_to_string(
            "outreach/embed/consultation.html",
            {
                "consultation": page,
                "phase": page.phase_at(),
                "page_url": page_absolute_url(page, request),
            },
            request=request,
        )

    versions = [cache_versions.consultation_key(pk), cache_versions.LISTINGS_KEY]
    return _cached(request, ["consultation", pk], versions, render)


@require_GET
@xframe_options_exempt
def embed_proposal(request, pk: int):
    proposal = embeds.proposal(pk)

    def render():
        return render_to_string(
            "outreach/embed/proposal.html",
            {
                "proposal": proposal,
                "consultation": proposal.consultation,
                "proposal_url": absolute_url(proposal.get_absolute_url(request)),
            },
            request=request,
        )

    return _cached(
        request,
        ["proposal", pk],
        [cache_versions.consultation_key(proposal.consultation_id)],
        render,
    )


@require_GET
@xframe_options_exempt
def embed_activities(request, pk: int):
    index = embeds.activity_index(pk)

    def render():
        entries = event_selectors.upcoming(index)
        return render_to_string(
            "outreach/embed/activities.html",
            {
                "index": index,
                "centre": index.get_parent(),
                "entries": entries[:ACTIVITIES_SHOWN],
                "more": len(entries) > ACTIVITIES_SHOWN,
                "index_url": page_absolute_url(index, request),
            },
            request=request,
        )

    return _cached(request, ["activities", pk], [cache_versions.LISTINGS_KEY], render)


def _size(request, name: str) -> int | None | bool:
    """A positive maxwidth/maxheight, None when absent, False when not a number."""
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    number = parse_id(value)
    return number if number else False


@require_GET
def oembed(request):
    """oEmbed (https://oembed.com) for consultations, proposals and centres' activities."""
    url = request.GET.get("url", "")
    fmt = request.GET.get("format", "json")
    if fmt == "xml":
        return HttpResponse(_("Only the JSON format is available."), status=501)
    maxwidth, maxheight = _size(request, "maxwidth"), _size(request, "maxheight")
    if fmt != "json" or not url or len(url) > 2000 or False in (maxwidth, maxheight):
        return HttpResponse(_("Give the address of a page of this site."), status=400)
    found = embeds.resolve(request, url)
    if found is None:
        return HttpResponse(_("This page cannot be embedded."), status=404)
    width, height = embeds.SIZES[found.kind]
    width, height = min(width, maxwidth or width), min(height, maxheight or height)
    site = Site.find_for_request(request)
    html = format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" '
        'style="border:0;max-width:100%"></iframe>',
        absolute_url(found.path),
        width,
        height,
        found.title,
    )
    data = {
        "version": "1.0",
        "type": "rich",
        "title": found.title,
        "provider_name": (site.site_name if site else "") or "MAM",
        "provider_url": site_url() + "/",
        "cache_age": CACHE_SECONDS,
        "html": str(html),
        "width": width,
        "height": height,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # the signed token is the proof; mail programs' one-click POST has no CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """Stop a consultation's or initiative's newsletters, without signing in.

    GET asks (link checkers and mail scanners open links); POST, from the page's button or a
    mail program's one-click List-Unsubscribe, does it.
    """
    data = services.unsubscribe_unsign(token)
    user = data and User.objects.filter(pk=data["u"]).first()
    audience = None
    if data and data["c"] is not None:
        audience = ConsultationPage.objects.filter(pk=data["c"]).first()
    elif data:
        audience = Initiative.objects.filter(pk=data["i"]).first()
    if not (user and audience):
        response = render(request, "outreach/unsubscribe.html", {"broken": True}, status=404)
        return response
    done = request.method == "POST"
    if done:
        services.opt_out(user=user, consultation_id=data["c"], initiative_id=data["i"])
    response = render(request, "outreach/unsubscribe.html", {"audience": audience, "done": done})
    patch_cache_control(response, private=True, no_store=True)
    return response


def follow_consultation(request, consultation):
    """Follow a consultation (its newsletters come by email) or stop (action=unfollow)."""
    page_url = consultation.get_url(request) or "/"
    if request.method != "POST":
        return redirect(page_url)
    if not request.user.is_authenticated:
        return redirect_to_login(page_url)
    if not ratelimit.hit("outreach-follow", str(request.user.pk), **FOLLOW_LIMIT):
        messages.error(request, _("Too many attempts. Try again in a minute."))
    elif request.POST.get("action") == "unfollow":
        services.consultation_unfollow(consultation=consultation, user=request.user)
        messages.success(request, _("You no longer follow this consultation."))
    else:
        services.consultation_follow(consultation=consultation, user=request.user)
        messages.success(
            request, _("You follow this consultation: we will email you its newsletters.")
        )
    return redirect(page_url + "#follow")
