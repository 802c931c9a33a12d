"""The consultations' and categories' endpoints, open to everyone."""

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from wagtail.models import Page

from config.api_common import (
    ConditionalGetMixin,
    error_response,
)
from consultations.api.serializers import (
    CategorySerializer,
    ConsultationDetailSerializer,
    ConsultationSerializer,
)
from consultations.models import Category, ConsultationPage, Phase
from home import centre_param
from home.ids import ID_REGEX, MAX_ID
from home.models import CentrePage

CENTRE_DEPTH = 3  # root → home page → centre (CentrePage may only sit under the home page)


def public_consultations():
    """Live, public consultations, each with its centre's id (one query, no per-row lookups)."""
    centre = CentrePage.objects.filter(
        path=Substr(OuterRef("path"), 1, CENTRE_DEPTH * Page.steplen)
    )
    return (
        ConsultationPage.objects.live()
        .public()
        .annotate(
            centre_pk=Subquery(centre.values("pk")[:1]),
            centre_town=Subquery(centre.values("town")[:1]),
        )
    )


CONSULTATION_EXAMPLE = OpenApiExample(
    "A consultation in its proposals phase",
    value={
        "id": 12,
        "title": "Budżet obywatelski 2027",
        "slug": "budzet-obywatelski-2027",
        "url": "https://mam.example.org/nowy-sacz/konsultacje/budzet-obywatelski-2027/",
        "centre": 4,
        "lead": "Zdecyduj, na co miasto wyda 500 000 zł.",
        "status": "open",
        "status_sentence": "Submitting ideas runs until 30 November, 4 days left",
        "current_phase": {
            "kind": "proposals",
            "label": "Proposals",
            "starts_at": "2026-11-01T00:00:00+01:00",
            "ends_at": "2026-12-01T00:00:00+01:00",
            "planned_end": "2026-12-01T00:00:00+01:00",
            "description": "",
        },
        "phases": [],
        "categories": [
            {"id": 3, "consultation": 12, "name": "Zieleń", "colour": "#0b5e55", "icon": "greenery"}
        ],
        "eligibility": "verified",
        "support_threshold": 100,
        "voting": {
            "method": "budget",
            "max_choices": None,
            "winners": None,
            "budget": "500000.00",
            "pools": [{"id": "town", "name": "Whole town", "amount": "500000.00"}],
            "questions": [],
            "ballots_final": False,
            "double_vote_rule": "online_counts",
        },
        "map": {"latitude": "49.625000", "longitude": "20.691000", "zoom": 14, "boundary": None},
    },
    response_only=True,
)


class _ConsultationFilter(serializers.Serializer):
    centre = serializers.CharField(required=False, help_text=centre_param.DESCRIPTION)

    def validate_centre(self, value: str) -> int | str:
        centre = centre_param.parse_centre(value)
        if centre is None:
            raise serializers.ValidationError(str(centre_param.INVALID))
        return centre


@extend_schema_view(
    list=extend_schema(
        summary="Consultations",
        description="Live, public consultations, newest first, with their phases, the phase "
        "running now, categories and the voting rules. Filter by `centre` (a centre's id or "
        "slug).",
        parameters=[_ConsultationFilter],
        examples=[CONSULTATION_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One consultation",
        description="A consultation with its easy-to-read summary and rules as HTML.",
        responses={200: ConsultationDetailSerializer, 404: error_response("No such consultation.")},
    ),
)
class ConsultationViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_REGEX
    serializer_class = ConsultationSerializer

    def get_queryset(self):
        queryset = public_consultations().prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("starts_at", "sort_order")),
            "categories",
            "questions",
            "budget_pools__district",
        )
        if self.action == "list":
            wanted = _ConsultationFilter(data=self.request.query_params)
            wanted.is_valid(raise_exception=True)
            if (centre := wanted.validated_data.get("centre")) is not None:
                queryset = queryset.filter(centre_pk__in=centre_param.centre_ids(centre))
        return queryset.order_by("-first_published_at", "-pk")

    def get_serializer_class(self):
        return ConsultationDetailSerializer if self.action == "retrieve" else ConsultationSerializer


class _CategoryFilter(serializers.Serializer):
    consultation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema_view(
    list=extend_schema(
        summary="Categories",
        description="Topics of proposals in live consultations; filter by `consultation`.",
        parameters=[_CategoryFilter],
    ),
    retrieve=extend_schema(summary="One category"),
)
class CategoryViewSet(
    ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    lookup_value_regex = ID_REGEX
    serializer_class = CategorySerializer

    def get_queryset(self):
        queryset = Category.objects.filter(
            consultation__in=ConsultationPage.objects.live().public()
        ).order_by("consultation_id", "sort_order", "pk")
        if self.action == "list":
            wanted = _CategoryFilter(data=self.request.query_params)
            wanted.is_valid(raise_exception=True)
            if consultation := wanted.validated_data.get("consultation"):
                queryset = queryset.filter(consultation_id=consultation)
        return queryset
