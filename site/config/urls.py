from django.conf import settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from events import urls as events_urls
from home import chooser as home_chooser
from home import views as home_views
from proposals.sitemaps import SITEMAPS

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

urlpatterns = [
    # One sign-in for everyone (allauth: rate limits, two-factor codes), staff included.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    # Wagtail's page chooser, browsing from pages the user may see (home/chooser.py).
    path("admin/choose-page/", home_chooser.browse),
    path("admin/choose-page/<int:parent_page_id>/", home_chooser.browse),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("propozycje/", include("proposals.urls")),
    # What each year's vote of a centre delivered (implementation/urls.py).
    path("realizacja/", include("implementation.urls")),
    # The language switch in every page's header posts here without a CSRF token: it only
    # sets the visitor's language cookie (a page from elsewhere could at worst switch the
    # language, undone with one click), and a token would make every anonymous page
    # mint a CSRF secret and set a cookie on each visit (docs/architecture.md).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("szukaj/", home_views.search, name="search"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/", include("config.api")),
    # Embeddable pages for other sites and the oEmbed endpoint (outreach/urls.py).
    path("", include("outreach.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

if getattr(settings, "MAM_BENCH", False):
    # The load run's baseline view (bench/README.md); off unless MAM_BENCH=1.
    urlpatterns += [path("bench/", include("bench.urls"))]

# Calendar files end in ".ics" with no slash, which Wagtail's catch-all does not match: the
# pattern hands them to Wagtail's own serve view (routing, restrictions, hooks, page copies).
urlpatterns += [events_urls.ical_pattern]

# Wagtail's catch-all serves the page tree, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
