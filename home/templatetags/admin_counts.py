"""Counts in the admin's listings with the right Polish form ("5 propozycji", not
"5 propozycje"): Wagtail's paginator joins the number to the model's plural name."""

from django import template
from django.utils.translation import ngettext

register = template.Library()


def _proposals(count: int) -> str:
    return ngettext("%(counter)s proposal", "%(counter)s proposals", count)


def _comments(count: int) -> str:
    return ngettext("%(counter)s comment", "%(counter)s comments", count)


def _items(count: int) -> str:
    return ngettext("%(counter)s item", "%(counter)s items", count)


LABELS = {"proposals.proposal": _proposals, "proposals.comment": _comments}


@register.simple_tag
def items_count(paginator) -> str:
    """The paginator's number of rows, with the noun in the form the number needs."""
    model = getattr(paginator, "model", None)
    label = LABELS.get(model._meta.label_lower if model else "", _items)
    return label(paginator.count) % {"counter": paginator.count}
