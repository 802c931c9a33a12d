"""Template helpers that show activities on the home and centre pages (home's templates)."""

from django import template

from events import selectors
from events.models import ActivityIndexPage

register = template.Library()


@register.simple_tag
def activities_this_week(centre):
    """What is on at `centre` from now to Sunday, and its activity index (or None)."""
    index = ActivityIndexPage.objects.child_of(centre).live().public().first()
    if index is None:
        return {"index": None, "entries": []}
    return {"index": index, "entries": selectors.this_week(index)}


@register.simple_tag
def activities_next_per_centre(home, centres):
    """The next few dates of every centre, for the home page."""
    return selectors.next_per_centre(home, centres)
