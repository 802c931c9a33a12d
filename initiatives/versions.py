"""The content version of a centre's initiative pages, for the anonymous page copies."""

import functools

from django.db import transaction

from config import cache_versions


def index_key(index_id: int) -> str:
    return f"mam:pages:initiatives:{index_id}"


# Any initiative's change: the proposal pages' "residents' initiative" section is cached under
# it, and an activity's page that names its initiative (events.models.ActivityPage).
LINKS_KEY = cache_versions.INITIATIVE_LINKS_KEY


def initiatives_changed(index_id: int) -> None:
    """When the transaction commits, the index's page copies (list and details) go stale, and
    so do the links from proposals to initiatives."""
    transaction.on_commit(functools.partial(cache_versions.bump, index_key(index_id)))
    transaction.on_commit(functools.partial(cache_versions.bump, LINKS_KEY))
