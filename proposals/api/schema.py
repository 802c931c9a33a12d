"""The OpenAPI documentation of the proposals API: its examples, the GeoJSON schema and the
summaries of the viewset's actions."""

from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
)

from config.api_common import (
    WRITE_ERRORS,
    error_response,
)
from proposals.api.serializers import (
    ProposalCreateSerializer,
    ProposalDetailSerializer,
)

PROPOSAL_EXAMPLE = OpenApiExample(
    "A proposal",
    value={
        "id": 31,
        "consultation": 12,
        "url": "https://mam.example.org/nowy-sacz/konsultacje/budzet-2027/propozycje/31/",
        "title": "Nowe kosze przy przystanku",
        "body": "Przy przystanku brakuje koszy na śmieci.",
        "status": "accepted",
        "status_label": "accepted for voting",
        "category": {"id": 3, "name": "Czystość", "colour": "#0b5e55", "icon": "waste"},
        "district": None,
        "place": "ul. Jagiellońska 1",
        "latitude": "49.625100",
        "longitude": "20.691200",
        "estimated_cost": "2000.00",
        "official_cost": "2400.00",
        "supports_count": 17,
        "comments_count": 4,
        "threshold_reached_at": None,
        "author": "Anna",
        "submitted_at_centre": False,
        "merged_into": None,
        "forwarded_to": "",
        "photos": [],
        "created_at": "2026-11-03T10:15:00+01:00",
        "updated_at": "2026-11-10T09:00:00+01:00",
    },
    response_only=True,
)
GEOJSON = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"type": "object"}},
    },
}

# The viewset's actions in the documentation: extend_schema_view(**PROPOSAL_VIEWSET_SCHEMA).
PROPOSAL_VIEWSET_SCHEMA = {
    "list": extend_schema(
        summary="Proposals",
        description="Visible proposals of live consultations, newest first. Filters combine; "
        "a bad value answers 400 saying what is wrong. Pages of 20 (`page_size` up to 100).",
        examples=[PROPOSAL_EXAMPLE],
    ),
    "retrieve": extend_schema(
        summary="One proposal",
        description="A proposal with its public status history (officials' answers).",
        responses={200: ProposalDetailSerializer, 404: error_response("No such visible proposal.")},
    ),
    "create": extend_schema(
        summary="Submit a proposal",
        description="Submit a proposal to a consultation in its proposals phase, as the "
        "site's form does (same rules: phase, eligibility, area, category). Photos are "
        "added on the site.",
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "A new proposal",
                value={
                    "consultation": 12,
                    "title": "Ławki w parku",
                    "body": "W parku brakuje ławek dla starszych osób.",
                    "category": 3,
                    "latitude": "49.625100",
                    "longitude": "20.691200",
                    "place": "Park Strzelecki",
                },
                request_only=True,
            )
        ],
    ),
}
