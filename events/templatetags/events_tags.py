"""Template helpers that show activities on the home and centre pages (home's templates)."""

from django import template
from django.utils import timezone

from events import selectors
from events.models import ActivityIndexPage
from home import page_cache

register = template.Library()


def _lapse_when_one_starts_or_ends(context, entries) -> None:
    """The anonymous copy of the page (home/page_cache.py) lapses when a date it shows starts
    or ends: the list is different from then on, with no write to bump a version."""
    now = timezone.now()
    moments = [
        moment
        for entry in entries
        for moment in (entry.occurrence.starts_at, entry.occurrence.ends_at)
        if moment > now
    ]
    page_cache.lapse_at(context.get("request"), min(moments, default=None))


@register.simple_tag(takes_context=True)
def activities_this_week(context, centre):
    """What is on at `centre` from now to Sunday, and its activity index (or None)."""
    index = ActivityIndexPage.objects.child_of(centre).live().public().first()
    if index is None:
        return {"index": None, "entries": []}
    entries = selectors.this_week(index)
    _lapse_when_one_starts_or_ends(context, entries)
    return {"index": index, "entries": entries}


@register.simple_tag(takes_context=True)
def activities_next_per_centre(context, home, centres):
    """The next few dates of every centre, for the home page."""
    groups = selectors.next_per_centre(home, centres)
    _lapse_when_one_starts_or_ends(context, [e for group in groups for e in group.entries])
    return groups
