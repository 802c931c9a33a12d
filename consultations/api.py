"""The public API of consultations: the processes, their categories, results and ballots.

Reads are open to everyone; casting a ballot goes through `cast_ballot`, as on the site.
"""

from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from config.api_common import (
    WRITE_ERRORS,
    ConditionalGetMixin,
    error_response,
)
from consultations import counting_rules, selectors
from consultations.models import Category, ConsultationPage, Phase, ResultFile, ResultSnapshot
from consultations.services import results as results_service
from consultations.services.voting import cast_ballot, town_pool_name
from consultations.tally import TOWN_POOL
from home.ids import ID_REGEX, MAX_ID
from home.links import absolute_url, page_absolute_url
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


def page_url(request, page) -> str:
    return page_absolute_url(page, request)


def _pools(page) -> list[dict]:
    """The budget's pools as voting.pools() lists them, from the prefetched district pools."""
    town = pools_town(page)
    districts = sorted(page.budget_pools.all(), key=lambda pool: (pool.sort_order, pool.pk))
    return [town] + [
        {
            "id": f"district-{pool.district_id}",
            "name": pool.district.name,
            "amount": f"{pool.amount:.2f}",
        }
        for pool in districts
    ]


def pools_town(page) -> dict:
    return {
        "id": TOWN_POOL,
        # voting.town_pool_name, from the annotation when the page came from a listing.
        "name": (
            (page.centre_town or page.title)
            if hasattr(page, "centre_town")
            else town_pool_name(page)
        ),
        "amount": f"{page.budget_amount or 0:.2f}",
    }


# --- Serializers --------------------------------------------------------------------------------


class PhaseSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display")
    ends_at = serializers.DateTimeField(source="effective_end", help_text="Closed early: when.")
    planned_end = serializers.DateTimeField(source="ends_at")

    class Meta:
        model = Phase
        fields = ["kind", "label", "starts_at", "ends_at", "planned_end", "description"]


class CategorySerializer(serializers.ModelSerializer):
    consultation = serializers.IntegerField(source="consultation_id")

    class Meta:
        model = Category
        fields = ["id", "consultation", "name", "colour", "icon"]


class ConsultationSerializer(serializers.ModelSerializer):
    """A consultation as a list shows it: when, where, who may take part, how it is decided."""

    url = serializers.SerializerMethodField()
    centre = serializers.IntegerField(source="centre_pk", allow_null=True)
    status = serializers.SerializerMethodField()
    status_sentence = serializers.SerializerMethodField()
    current_phase = serializers.SerializerMethodField()
    phases = serializers.SerializerMethodField()
    categories = CategorySerializer(many=True)
    voting = serializers.SerializerMethodField()
    map = serializers.SerializerMethodField()

    class Meta:
        model = ConsultationPage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "centre",
            "lead",
            "status",
            "status_sentence",
            "current_phase",
            "phases",
            "categories",
            "eligibility",
            "support_threshold",
            "voting",
            "map",
        ]

    def _now(self):
        return self.context.setdefault("now", timezone.now())

    def get_url(self, page) -> str:
        return page_url(self.context.get("request"), page)

    @extend_schema_field(serializers.ChoiceField(choices=["open", "upcoming", "finished"]))
    def get_status(self, page) -> str:
        return selectors.status(page, self._now())

    def get_status_sentence(self, page) -> str:
        return selectors.status_sentence(page, self._now())

    @extend_schema_field(PhaseSerializer(allow_null=True))
    def get_current_phase(self, page):
        phase = selectors.current_phase(page, self._now())
        return PhaseSerializer(phase).data if phase else None

    @extend_schema_field(PhaseSerializer(many=True))
    def get_phases(self, page):
        return PhaseSerializer(selectors.phases(page), many=True).data

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "method": {"type": "string", "enum": ["", "approval", "budget", "question"]},
                "max_choices": {"type": "integer", "nullable": True},
                "winners": {"type": "integer", "nullable": True},
                "budget": {"type": "string", "nullable": True},
                "pools": {"type": "array", "items": {"type": "object"}},
                "questions": {"type": "array", "items": {"type": "object"}},
                "ballots_final": {"type": "boolean"},
                "double_vote_rule": {"type": "string"},
                "counting_rules": {"type": "object"},
            },
        }
    )
    def get_voting(self, page):
        method = page.voting_method
        return {
            "method": method,
            "max_choices": page.max_choices,
            "winners": page.winners_count,
            "budget": None if page.budget_amount is None else f"{page.budget_amount:.2f}",
            "pools": _pools(page) if method == ConsultationPage.VotingMethod.BUDGET else [],
            "questions": [
                {"id": question.pk, "text": question.text, "explanation": question.explanation}
                for question in page.questions.all()
            ],
            "ballots_final": page.ballots_final,
            "double_vote_rule": page.double_vote_rule,
            # The regulamin's rules as the ballot file will publish them (docs/voting.md).
            "counting_rules": counting_rules.page_rules(page),
        }

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "latitude": {"type": "string", "nullable": True},
                "longitude": {"type": "string", "nullable": True},
                "zoom": {"type": "integer"},
                "boundary": {"type": "object", "nullable": True},
            },
        }
    )
    def get_map(self, page):
        return {
            "latitude": None if page.map_latitude is None else str(page.map_latitude),
            "longitude": None if page.map_longitude is None else str(page.map_longitude),
            "zoom": page.map_zoom,
            "boundary": page.boundary,
        }


class ConsultationDetailSerializer(ConsultationSerializer):
    """One consultation with its texts (HTML) as the page shows them."""

    easy_read = serializers.SerializerMethodField()
    rules = serializers.SerializerMethodField()

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "easy_read", "rules"]

    def get_easy_read(self, page) -> str:
        return expand_db_html(page.easy_read)

    def get_rules(self, page) -> str:
        return expand_db_html(page.rules)


class ResultSerializer(serializers.ModelSerializer):
    consultation = serializers.IntegerField(source="consultation_id")
    ballots_url = serializers.SerializerMethodField()

    class Meta:
        model = ResultSnapshot
        fields = [
            "consultation",
            "method",
            "computed_at",
            "published_at",
            "code_version",
            "ballots_checksum",
            "csv_checksum",
            "figures",
            "ballots_url",
        ]

    def get_ballots_url(self, snapshot) -> str:
        return absolute_url(f"/api/v1/consultations/{snapshot.consultation_id}/ballots/")


class BallotInputSerializer(serializers.Serializer):
    proposals = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=1000,
        help_text="Approval and budget votes: the ids of the chosen proposals.",
    )
    answers = serializers.DictField(
        child=serializers.ChoiceField(choices=["yes", "no", "abstain"]),
        required=False,
        default=dict,
        help_text='Question votes: {"<question id>": "yes" | "no" | "abstain"}.',
    )


class BallotOutputSerializer(serializers.Serializer):
    voted = serializers.BooleanField()
    proposals = serializers.ListField(child=serializers.IntegerField())
    answers = serializers.DictField(child=serializers.CharField())


# --- Views --------------------------------------------------------------------------------------


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
    centre = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema_view(
    list=extend_schema(
        summary="Consultations",
        description="Live, public consultations, newest first, with their phases, the phase "
        "running now, categories and the voting rules. Filter by `centre` (a centre's id).",
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
            if centre := wanted.validated_data.get("centre"):
                queryset = queryset.filter(centre_pk=centre)
        return queryset.order_by("-first_published_at", "-pk")

    def get_serializer_class(self):
        return ConsultationDetailSerializer if self.action == "retrieve" else ConsultationSerializer

    def _published(self, pk) -> ResultSnapshot:
        consultation = get_object_or_404(public_consultations(), pk=pk)
        return get_object_or_404(
            ResultSnapshot.objects.filter(published_at__isnull=False), consultation=consultation
        )

    @extend_schema(
        summary="Published results",
        description="The counted result as published: the figures, the SHA-256 checksums of "
        "the ballot files and the code version that counted them. 404 until the results "
        "are published.",
        responses={200: ResultSerializer, 404: error_response("No published result (yet).")},
        examples=[
            OpenApiExample(
                "An approval vote",
                value={
                    "consultation": 12,
                    "method": "approval",
                    "computed_at": "2026-12-20T12:00:00+01:00",
                    "published_at": "2026-12-20T12:00:00+01:00",
                    "code_version": "9846953",
                    "ballots_checksum": "3f…",
                    "csv_checksum": "9a…",
                    "figures": {"turnout": {"total": 120}, "options": []},
                    "ballots_url": "https://mam.example.org/api/v1/consultations/12/ballots/",
                },
                response_only=True,
            )
        ],
    )
    @action(detail=True)
    def results(self, request, pk=None):
        snapshot = self._published(pk)
        return Response(ResultSerializer(snapshot, context={"request": request}).data)

    @extend_schema(
        summary="Anonymised ballots",
        description="The published ballot document (format `mam-ballots/1`): rules, options "
        "and every ballot with a random id, no person and no time. The body is byte for byte "
        "the file whose SHA-256 is `ballots_checksum`, so `sha256(body)` checks it; "
        "`consultations/tally.py` recounts it. 404 until the results are published.",
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            404: error_response("No published result (yet)."),
        },
    )
    @action(detail=True)
    def ballots(self, request, pk=None):
        consultation = get_object_or_404(public_consultations(), pk=pk)
        snapshot = get_object_or_404(
            ResultSnapshot.objects.filter(published_at__isnull=False).only("ballots_checksum"),
            consultation=consultation,
        )
        etag = f'"{snapshot.ballots_checksum}"'
        # A client holding this file gets 304 before the file is even read.
        if (unchanged := get_conditional_response(request, etag=etag)) is not None:
            return unchanged
        body = results_service.published_file(consultation, ResultFile.Format.JSON)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["ETag"] = etag
        return response

    @extend_schema(
        summary="Cast or change your ballot",
        description="Vote online, as on the voting page: the same rules (phase, eligibility, "
        "limits, budget) are checked by the same function. Approval and budget votes send "
        "`proposals`; question votes send `answers`. Voting again changes the ballot unless "
        "ballots are final.",
        request=BallotInputSerializer,
        responses={200: BallotOutputSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample("Approval vote", value={"proposals": [31, 40]}, request_only=True),
            OpenApiExample(
                "Question vote", value={"answers": {"5": "yes", "6": "abstain"}}, request_only=True
            ),
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsAuthenticated],
    )
    def vote(self, request, pk=None):
        consultation = get_object_or_404(public_consultations().prefetch_related("phases"), pk=pk)
        data = BallotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = cast_ballot(
            user=request.user,
            consultation=consultation,
            proposal_ids=data.validated_data["proposals"],
            answers=data.validated_data["answers"],
        )
        choices = list(ballot.choices.all())
        body = {
            "voted": True,
            "proposals": sorted(c.proposal_id for c in choices if c.proposal_id),
            "answers": {str(c.question_id): c.answer for c in choices if c.question_id},
        }
        return Response(body, status=status.HTTP_200_OK)


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
