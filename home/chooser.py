"""Wagtail's page chooser, browsing only among the pages staff may see (#18).

The `construct_page_chooser_queryset` hook filters the listed pages, but Wagtail shows the
page being browsed (header and first row) unfiltered: a page of another centre opened by
its id, or the common ancestor Wagtail picks for a page type, would show its title.
"""

from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from home.wagtail_hooks import page_chooser_own_centre_only


class OwnCentreBrowseView(BrowseView):
    """Browse from the nearest page the user may see, never from another centre's page."""

    def get_object_list(self):
        visible = page_chooser_own_centre_only(Page.objects.all(), self.request)
        if not visible.filter(pk=self.parent_page.pk).exists():
            ancestors = self.parent_page.get_ancestors().values("pk")
            nearest = visible.filter(pk__in=ancestors).order_by("-depth").first()
            self.parent_page = (nearest or Page.get_first_root_node()).specific
        return super().get_object_list()


browse = never_cache(require_admin_access(OwnCentreBrowseView.as_view()))
