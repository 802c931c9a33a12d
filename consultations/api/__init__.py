"""The public API of consultations: the processes and their categories.

Reads are open to everyone. The results, the ballots and casting a ballot are the `voting`
app's (voting/api.py), on the same `/consultations/<id>/` paths.

The package re-exports every name the single module had (`consultations.api.X`).
"""

from consultations.api.serializers import (
    TOWN_POOL,
    CategorySerializer,
    ConsultationDetailSerializer,
    ConsultationSerializer,
    PhaseSerializer,
    page_url,
    pools_town,
)
from consultations.api.views import (
    CENTRE_DEPTH,
    CONSULTATION_EXAMPLE,
    CategoryViewSet,
    ConsultationViewSet,
    public_consultations,
)

__all__ = [
    "CENTRE_DEPTH",
    "CONSULTATION_EXAMPLE",
    "TOWN_POOL",
    "CategorySerializer",
    "CategoryViewSet",
    "ConsultationDetailSerializer",
    "ConsultationSerializer",
    "ConsultationViewSet",
    "PhaseSerializer",
    "page_url",
    "pools_town",
    "public_consultations",
]
