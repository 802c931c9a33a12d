"""Site-wide views: search, robots.txt and the error pages."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Page

from home.links import absolute_url

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_QUERY_MAX_LENGTH = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    page_obj = None
    sections: list[dict] = []
    if query:
        results = Page.objects.live().public().specific().search(query)
        page_obj = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        if page_obj.number == 1:
            # Other apps' results (residents' proposals), through a hook: home imports no app.
            sections = [hook(query) for hook in hooks.get_hooks("mam_search_results")]
            sections = [section for section in sections if section["results"]]
    found = (page_obj.paginator.count if page_obj else 0) + sum(
        len(section["results"]) for section in sections
    )
    return render(
        request,
        "search.html",
        {"query": query, "page_obj": page_obj, "sections": sections, "found": found},
    )


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        f"Disallow: {reverse('search')}",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
