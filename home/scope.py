"""What lies under a set of centres, in Wagtail's page tree.

A page lies under a centre when Wagtail's `descendant_of(centre, inclusive=True)` keeps it:
its materialised `path` starts with the centre's and its `depth` is at least the centre's.
Pages are filtered with Wagtail's own `PageQuerySet.descendant_of_q` (`pages_under`); rows
that point at a page (a proposal's consultation, a review's proposal's consultation) get the
same two conditions through a lookup prefix (`rows_under`). No centre means nothing.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page
from wagtail.query import PageQuerySet


def pages_under(pages: PageQuerySet, centres: Iterable[Page]) -> PageQuerySet:
    """Limit `pages` to those under one of `centres`, each centre itself included."""
    scope = (pages.descendant_of_q(centre, inclusive=True) for centre in centres)
    return pages.filter(reduce(or_, scope, Q(pk__in=[])))


def rows_under(centres: Iterable[Page], prefix: str) -> Q:
    """The condition "the page reached through `prefix` lies under one of `centres`".

    `prefix` is the lookup path to the page, ending in "__" ("consultation__",
    "proposal__consultation__"); filter pages themselves with `pages_under`.
    """
    if not prefix.endswith("__"):
        raise ValueError(f"A lookup prefix ends in '__', not {prefix!r}: use pages_under.")
    scope = Q(pk__in=[])
    for centre in centres:
        scope |= Q(
            **{f"{prefix}path__startswith": centre.path, f"{prefix}depth__gte": centre.depth}
        )
    return scope
