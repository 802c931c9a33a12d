"""Content pages of the platform and its centres, edited in Wagtail.

One module per kind of content; every model is imported here, so `home.models.X` (and the
migrations' `home.X`) keep working."""

from home.models.accessibility import AccessibilityStatementPage
from home.models.footer import FooterSettings
from home.models.news import NEWS_PER_PAGE, NewsIndexPage, NewsPage, NewsPageTag
from home.models.pages import CentrePage, ContentPage, District, HomePage

__all__ = [
    "NEWS_PER_PAGE",
    "AccessibilityStatementPage",
    "CentrePage",
    "ContentPage",
    "District",
    "FooterSettings",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
]
