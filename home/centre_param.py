"""The public API's `centre` parameter: a centre's id or its slug, read in one place.

Digits are an id (`?centre=4`), anything else a slug (`?centre=nowy-sacz`, as `/api/v1/centres/`
lists them); a slug made of digits only is therefore read as an id. What can be neither (a
space, a slash, too long) is a 400, as a malformed id always was.
"""

import re

from django.utils.translation import gettext_lazy as _

from home.ids import parse_id
from home.models import CentrePage

SLUG = re.compile(r"[-\w]+\Z")  # Wagtail's slugs, Unicode letters allowed
SLUG_MAX = 255  # Page.slug's max_length
DESCRIPTION = "A centre's id (a number) or its slug (e.g. `nowy-sacz`)."
INVALID = _("Give a centre's id or its slug.")


def parse_centre(value) -> int | str | None:
    """An id when `value` is digits, else a slug; None when it can be neither."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return parse_id(value)
    if len(value) <= SLUG_MAX and SLUG.match(value):
        return value
    return None


def centre_ids(centre: int | str):
    """What `centre_id__in=` takes for a parsed `centre`: the id, or the ids of the centres
    with that slug as a subquery (no query of its own; an unknown slug matches nothing)."""
    if isinstance(centre, int):
        return [centre]
    return CentrePage.objects.filter(slug=centre).values("pk")


def is_centre(page: CentrePage, centre: int | str) -> bool:
    """Whether `page` is the centre the parsed `centre` names."""
    return page.pk == centre if isinstance(centre, int) else page.slug == centre
