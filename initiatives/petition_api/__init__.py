"""Petitions and draft council resolutions (art. 41a) through the public API: read them, and
support one online with a token through the same service as the site. Supporters are only
counted; committee members are named only when they agreed to show their names.

The package re-exports every name the single module had (`initiatives.petition_api.X`).
"""

from initiatives.petition_api.serializers import (
    PetitionCommitteeSerializer,
    PetitionDetailSerializer,
    PetitionSerializer,
    PetitionSummarySerializer,
    PetitionSupportSerializer,
    PetitionTimelineEntrySerializer,
    index_url,
)
from initiatives.petition_api.timeline import petition_timeline
from initiatives.petition_api.views import PetitionFilter, PetitionViewSet, public_petitions

__all__ = [
    "PetitionCommitteeSerializer",
    "PetitionDetailSerializer",
    "PetitionFilter",
    "PetitionSerializer",
    "PetitionSummarySerializer",
    "PetitionSupportSerializer",
    "PetitionTimelineEntrySerializer",
    "PetitionViewSet",
    "index_url",
    "petition_timeline",
    "public_petitions",
]
