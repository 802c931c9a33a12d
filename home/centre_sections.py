"""What a centre's section index shares (the rooms at `<centre>/sale/`, the partners at
`<centre>/partnerzy/`): one per centre, directly under it, an introduction, and page copies
that lapse with the listings' version."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from config import cache_versions


class CentreSectionIndex(models.Model):
    """An abstract base for a page that lists one kind of a centre's things through routes.

    Put it first among the page's bases; the field is declared as each index had it, so the
    tables and migrations are unchanged.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.CentrePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def page_copy_versions(self) -> tuple[str, ...]:
        """What the index shows changes with the listings (bookings, approved changes,
        activities), so its anonymous copies carry the listings' version."""
        return (cache_versions.LISTINGS_KEY,)

    @property
    def centre(self):
        """The centre the index belongs to (its parent)."""
        return self.get_parent().specific
