"""Template helpers for consultation cards and pages."""

import re

from django import template

from consultations import selectors

register = template.Library()

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULT_COLOUR = "#0b5e55"


@register.simple_tag
def consultation_sentence(consultation) -> str:
    """Where the consultation stands now, in one sentence."""
    return selectors.status_sentence(consultation)


@register.filter
def safe_colour(value: str) -> str:
    """Return the colour when it is #rrggbb, else the brand colour (nothing else reaches CSS)."""
    return value if isinstance(value, str) and COLOUR.match(value) else DEFAULT_COLOUR


@register.simple_tag(takes_context=True)
def open_now(context, root):
    """What residents can do now under `root` (the site's home or a centre): see selectors."""
    return selectors.open_now(root, request=context.get("request"))
