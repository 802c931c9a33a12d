"""Proposals through the API: read them, their map and comments; write through the services."""

import hashlib

from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from config.api_common import (
    WRITE_ERRORS,
    ConditionalGetMixin,
    error_response,
)
from config.cache_versions import consultation_key
from config.cache_versions import current as current_version
from consultations.models import Category, ConsultationPage
from home import chrome
from home.ids import ID_REGEX
from home.links import page_absolute_url
from home.models import District
from proposals.api.filters import ProposalFilter
from proposals.api.serializers import (
    CommentCreateSerializer,
    CommentSerializer,
    PledgeInputSerializer,
    PledgeSerializer,
    ProposalCreateSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    SupportSerializer,
)
from proposals.models import Comment, Proposal, ProposalPhoto, StatusChange
from proposals.services import discussion, engagement
from proposals.services.submission import proposal_submit

MAX_AGE = 300  # seconds a shared representation is kept at most (as the pages' copies)


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


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


def _read_key(request) -> str:
    """The key of a read for this address (host, path, query), language and site chrome."""
    parts = [
        str(chrome.request_version(request._request)),
        request.build_absolute_uri(),
        getattr(request._request, "LANGUAGE_CODE", ""),
    ]
    return "mam:api:proposals:" + hashlib.sha256("|".join(parts).encode()).hexdigest()


def shared_read(request, consultation_id: int | None, build) -> Response:
    """The same for every caller (no one's own data in proposals' representations): kept
    per content version of the consultation (`config.cache_versions.pages_changed`, bumped on
    commit by every service that changes proposals) and per site chrome version (pages
    unpublished, view restrictions), read before the data, for MAX_AGE seconds at most.

    `consultation_id` None (one proposal): the consultation is learnt from the first answer;
    the representation is kept from the next request on."""
    key = _read_key(request)
    stored = cache.get(key)
    if consultation_id is None and stored is not None:
        consultation_id = stored["consultation"]
    version_key = consultation_key(consultation_id) if consultation_id is not None else None
    version = cache.get(version_key) if version_key else None
    if stored is not None and version is not None and stored["version"] == version:
        return Response(stored["data"])
    response = build()
    if response.status_code != 200:
        return response
    one = "count" not in response.data
    if consultation_id is None:  # one proposal, first read: remember its consultation
        consultation_id = response.data["consultation"]
        cache.set(key, {"consultation": consultation_id, "version": None}, MAX_AGE)
    elif version is None:
        # A consultation with no version yet: start one (after a real answer only, so made-up
        # ids leave no lasting keys); the next read keeps the representation.
        if one or response.data["count"]:
            current_version(consultation_key(consultation_id))
    else:
        stored = {"consultation": consultation_id, "version": version, "data": response.data}
        cache.set(key, stored, MAX_AGE)
    return response


def public_proposals():
    """Visible proposals of live, public consultations, with what a card shows."""
    return (
        Proposal.objects.visible()
        .filter(consultation__in=ConsultationPage.objects.live().public())
        .select_related("consultation", "category", "district", "author")
        .prefetch_related(
            Prefetch("photos", queryset=ProposalPhoto.objects.order_by("position", "pk"))
        )
    )


@extend_schema_view(
    list=extend_schema(
        summary="Proposals",
        description="Visible proposals of live consultations, newest first. Filters combine; "
        "a bad value answers 400 saying what is wrong. Pages of 20 (`page_size` up to 100).",
        examples=[PROPOSAL_EXAMPLE],
    ),
    retrieve=extend_schema(
        summary="One proposal",
        description="A proposal with its public status history (officials' answers).",
        responses={200: ProposalDetailSerializer, 404: error_response("No such visible proposal.")},
    ),
    create=extend_schema(
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
)
class ProposalViewSet(
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Proposal.objects.none()  # tells the schema the model; get_queryset reads
    lookup_value_regex = ID_REGEX
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProposalFilter

    def get_queryset(self):
        queryset = public_proposals()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "status_changes", queryset=StatusChange.objects.order_by("created_at", "pk")
                )
            )
        return queryset.order_by("-created_at", "-pk")

    def get_serializer_class(self):
        if self.action in ("retrieve", "create"):
            return ProposalDetailSerializer
        return ProposalSerializer

    def list(self, request, *args, **kwargs):
        consultation = request.query_params.get("consultation", "")
        if not consultation.isdigit() or len(consultation) > 18:
            return super().list(request, *args, **kwargs)
        build = lambda: super(ProposalViewSet, self).list(request, *args, **kwargs)  # noqa: E731
        return shared_read(request, int(consultation), build)

    def retrieve(self, request, *args, **kwargs):
        build = lambda: super(ProposalViewSet, self).retrieve(request, *args, **kwargs)  # noqa: E731
        return shared_read(request, None, build)

    def _proposal(self, pk) -> Proposal:
        return get_object_or_404(public_proposals(), pk=pk)

    def create(self, request, *args, **kwargs):
        data = ProposalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        consultation = (
            ConsultationPage.objects.live().public().filter(pk=values.pop("consultation")).first()
        )
        if consultation is None:
            raise serializers.ValidationError(
                {"consultation": [_("There is no such consultation.")]}
            )
        category_id = values.pop("category", None)
        district_id = values.pop("district", None)
        values["category"] = _related(
            Category, category_id, "category", _("Choose one of this consultation's categories.")
        )
        values["district"] = _related(
            District, district_id, "district", _("Choose one of the centre's districts.")
        )
        proposal = proposal_submit(consultation=consultation, author=request.user, **values)
        proposal = get_object_or_404(self.get_queryset(), pk=proposal.pk)
        serializer = ProposalDetailSerializer(proposal, context=self.get_serializer_context())
        return Response(serializer.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Proposals on a map",
        description="The same proposals and filters as the list, those with a point, as a "
        "GeoJSON FeatureCollection (not paginated).",
        responses={(200, "application/geo+json"): OpenApiResponse(GEOJSON)},
    )
    @action(detail=False, renderer_classes=[GeoJSONRenderer, JSONRenderer])
    def geojson(self, request):
        rows = (
            self.filter_queryset(self.get_queryset())
            .filter(latitude__isnull=False, longitude__isnull=False)
            .values(
                "pk",
                "consultation_id",
                "title",
                "latitude",
                "longitude",
                "status",
                "supports_count",
                "category__name",
                "category__colour",
            )
        )
        rows = list(rows)
        consultations = ConsultationPage.objects.in_bulk({row["consultation_id"] for row in rows})
        bases = {pk: page_absolute_url(page, request) for pk, page in consultations.items()}
        features = [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(row["longitude"]), float(row["latitude"])],
                },
                "properties": {
                    "id": row["pk"],
                    "consultation": row["consultation_id"],
                    "title": row["title"],
                    "url": consultations[row["consultation_id"]].sub_url(
                        "proposal_detail", base=bases[row["consultation_id"]], pk=row["pk"]
                    ),
                    "category": row["category__name"] or "",
                    "colour": row["category__colour"] or "",
                    "status": row["status"],
                    "status_label": str(Proposal.Status(row["status"]).label),
                    "supports": row["supports_count"],
                },
            }
            for row in rows
        ]
        return Response({"type": "FeatureCollection", "features": features})

    @extend_schema(
        methods=["GET"],
        summary="Comments on a proposal",
        description="Visible comments, oldest first; a reply names its `parent`. Hidden and "
        "deleted comments are left out (a reply may name a parent that is left out).",
        responses={200: CommentSerializer(many=True), 404: error_response("No such proposal.")},
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment on a proposal",
        description="Write a comment or a reply, in the proposals or discussion phase, as on "
        "the site. Officials of the centre answer officially at any time.",
        request=CommentCreateSerializer,
        responses={201: CommentSerializer, **WRITE_ERRORS},
        examples=[OpenApiExample("A comment", value={"body": "Dobry pomysł!"}, request_only=True)],
        filters=False,
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def comments(self, request, pk=None):
        proposal = self._proposal(pk)
        if request.method == "POST":
            return self._comment(request, proposal)
        comments = (
            Comment.objects.filter(
                proposal=proposal, hidden_at__isnull=True, deleted_at__isnull=True
            )
            .select_related("author")
            .order_by("created_at", "pk")
        )
        page = self.paginate_queryset(comments)
        return self.get_paginated_response(CommentSerializer(page, many=True).data)

    def _comment(self, request, proposal):
        data = CommentCreateSerializer(data=request.data, proposal=proposal)
        data.is_valid(raise_exception=True)
        comment = discussion.comment_add(
            proposal=proposal,
            author=request.user,
            body=data.validated_data["body"],
            parent=data.validated_data.get("parent"),
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["POST"],
        summary="Support a proposal",
        description="Support it once (again changes nothing), in the proposals or discussion "
        "phase, as on the site.",
        request=None,
        responses={200: SupportSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Withdraw your support",
        request=None,
        responses={200: SupportSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @action(detail=True, methods=["post", "delete"], filter_backends=[])
    def support(self, request, pk=None):
        proposal = self._proposal(pk)
        if request.method == "DELETE":
            engagement.support_remove(proposal=proposal, user=request.user)
        else:
            engagement.support_add(proposal=proposal, user=request.user)
        proposal.refresh_from_db(fields=["supports_count"])
        supported = proposal.supports.filter(user=request.user).exists()
        return Response({"supported": supported, "supports_count": proposal.supports_count})

    @extend_schema(
        methods=["POST"],
        summary="Offer help (“I will help”)",
        description="Offer help with an optional note, or change the note of your offer.",
        request=PledgeInputSerializer,
        responses={200: PledgeSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample(
                "An offer", value={"note": "Mogę przynieść narzędzia."}, request_only=True
            )
        ],
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Take back your offer of help",
        request=None,
        responses={200: PledgeSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @action(detail=True, methods=["post", "delete"], filter_backends=[])
    def pledge(self, request, pk=None):
        proposal = self._proposal(pk)
        if request.method == "DELETE":
            # Taking one's own offer back needs no phase (the site's data tools allow it too).
            engagement.pledge_remove(proposal=proposal, user=request.user)
            return Response({"pledged": False, "note": ""})
        data = PledgeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        pledge = engagement.pledge_add(
            proposal=proposal, user=request.user, note=data.validated_data["note"]
        )
        return Response({"pledged": True, "note": pledge.note})


def _related(model, pk, field: str, message: str):
    if pk is None:
        return None
    item = model.objects.filter(pk=pk).first()
    if item is None:
        raise serializers.ValidationError({field: [message]})
    return item
