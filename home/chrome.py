"""The site's chrome (menu, breadcrumbs, footer) rendered once per change, not per request.

Every page shows the same menu and footer: read from the page tree, the footer settings, the
accessibility statement and the funding logos, they cost about seven queries a page. They
are kept in the cache (template fragments, and the breadcrumbs' ancestor pages) under a
site-wide *chrome version* that every change they could show bumps: a page published,
unpublished, saved, moved or deleted, a view restriction, the footer settings, a site, an
image. The version is bumped at once and again when the transaction commits, so a copy
rendered from data about to change is never read after the change. Copies also expire
after MAX_AGE seconds at most (the footer's year, anything a signal does not see).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from config import cache_versions, process_memory
from home.models import FooterSettings

MAX_AGE = 300
VERSION_KEY = cache_versions.CHROME_KEY


def current_version() -> int:
    return cache_versions.current(VERSION_KEY)


def request_version(request) -> int:
    """The version read once per request (the menu, breadcrumbs and footer share it)."""
    return cache_versions.chrome_version(request)


def site_for_request(request):
    """Wagtail's Site for the request (with its root page), from the cache when it can.

    Wagtail looks the site up by host name with a query on every request; sites and root
    pages change rarely, and every change of them bumps the chrome version.
    """
    if request is None:
        return None
    if not hasattr(request, "_mam_site_looked_up"):
        request._mam_site_looked_up = True
        hostname = split_domain_port(request._get_raw_host())[0]
        version = request_version(request)
        key = f"mam:site-for-host:{version}:{hostname}:{request.get_port()}"
        # Kept in the process too (config/process_memory.py): the key names the version.
        kept = process_memory.read(key, deadline=_until, versions_known=version is not None)
        if kept is None:
            site = Site.find_for_request(request)  # Wagtail's lookup; it memoises on the request
            if site is not None:
                site.root_page.specific  # noqa: B018  (kept with the site: Wagtail routes from it)
                cache.set(key, (process_memory.lapse_in(MAX_AGE), site), MAX_AGE)
        else:
            # The one documented write of Wagtail's per-request memo (docs/architecture.md):
            # Site.find_for_request answers with it everywhere after this, without a query.
            request._wagtail_site = process_memory.private_copy(kept[1])
    return Site.find_for_request(request)


def _until(kept) -> float:
    """When a kept site lapses: stored with it, as the shared cache's copy does."""
    return kept[0]


def chrome_changed(**kwargs) -> None:
    cache_versions.bump_now_and_on_commit(VERSION_KEY)


def _footer_saved(sender, instance, created, **kwargs) -> None:
    # Wagtail creates a site's empty settings row when a page first reads it: nothing shown
    # changes then, and bumping would make the first page's cached chrome useless at once.
    if not created:
        chrome_changed()


def connect() -> None:
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(chrome_changed, dispatch_uid=f"mam-chrome-{signal}")
    # Each page class sends its own post_save (a deletion sends post_delete for Page too).
    for model in {Page, *get_page_models()}:
        post_save.connect(chrome_changed, sender=model, dispatch_uid=f"mam-chrome-{model}-s")
    post_delete.connect(chrome_changed, sender=Page, dispatch_uid="mam-chrome-page-deleted")
    post_save.connect(_footer_saved, sender=FooterSettings, dispatch_uid="mam-chrome-footer-s")
    for model in (Site, PageViewRestriction, get_image_model()):
        post_save.connect(chrome_changed, sender=model, dispatch_uid=f"mam-chrome-{model}-s")
        post_delete.connect(chrome_changed, sender=model, dispatch_uid=f"mam-chrome-{model}-d")


class SiteLookupMiddleware:
    """Hand Wagtail's serve view the site (and its root page) from the cache.

    Wagtail looks the site up by host name and reads the root page's specific row on every
    page request: two queries. It offers no documented way to be given the site, so this is
    the one place MAM writes Wagtail's per-request memo (`request._wagtail_site`, through
    `site_for_request`), documented in docs/architecture.md. It never answers a request:
    routing, `before_serve_page` hooks and view restrictions stay Wagtail's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            site_for_request(request)
