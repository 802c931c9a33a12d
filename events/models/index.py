"""The centre's activity index page: upcoming activities, a month, the archive, an iCal feed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from config import cache_versions
from events.models.pages import _views
from home.restrictions import OneQueryViewRestrictions


class ActivityIndexPage(OneQueryViewRestrictions, RoutablePageMixin, Page):
    """The centre's activities: upcoming ones, a month view, the archive and an iCal feed."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.CentrePage"]
    subpage_types = ["events.ActivityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("activities index")

    def page_copy_versions(self) -> tuple[str, ...]:
        """Sign-ups change the places left shown here (events.services bumps listings)."""
        return (cache_versions.LISTINGS_KEY,)

    @path("")
    def upcoming(self, request):
        return _views().index_upcoming(request, self)

    @path("archiwum/", name="archive")
    def archive(self, request):
        return _views().index_archive(request, self)

    @path("miesiac/<int:year>/<int:month>/", name="month")
    def month(self, request, year, month):
        return _views().index_month(request, self, year, month)

    @path("kalendarz.ics/", name="ical")
    def ical(self, request):
        return _views().index_ical(request, self)
