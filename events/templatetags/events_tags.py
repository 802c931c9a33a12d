"""Template helpers that show activities on the home and centre pages (home's templates)."""

from django import template

from events import selectors
from events.models import ActivityIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def activities_this_week(context, centre):
    """What is on at `centre` in the coming seven days, and its activity index (or None)."""
    index = ActivityIndexPage.objects.child_of(centre).live().public().first()
    if index is None:
        return {"index": None, "entries": []}
    entries = selectors.this_week(index)
    selectors.lapse_when_one_starts_or_ends(context.get("request"), entries)
    return {"index": index, "entries": entries}


@register.simple_tag(takes_context=True)
def activities_next_per_centre(context, home, centres):
    """The next few dates of every centre, for the home page."""
    groups = selectors.next_per_centre(home, centres)
    selectors.lapse_when_one_starts_or_ends(
        context.get("request"), [e for group in groups for e in group.entries]
    )
    return groups
