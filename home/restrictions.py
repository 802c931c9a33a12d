"""View restrictions read in one query (a mixin for every page class of the site)."""

from django.db.models import Q
from wagtail.models import PageViewRestriction


class OneQueryViewRestrictions:
    """Page mixin: the view restrictions of a page and its ancestors in one query.

    Wagtail's own version reads the ancestors first (to resolve aliases to their source
    pages) and then the restrictions: two queries on every page served. The ancestors'
    paths are prefixes of the page's own path, so one query with the alias rule in SQL
    gives the same restrictions (an alias has none of its own; its source page's apply).
    """

    def get_view_restrictions(self):
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()
