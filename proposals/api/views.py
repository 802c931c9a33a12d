"""Proposals through the API: read them, their map and comments; write through the services."""

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
from consultations.models import Category, ConsultationPage
from home.ids import ID_REGEX
from home.links import page_absolute_url
from home.models import District
from proposals.api.filters import ProposalFilter
from proposals.api.schema import GEOJSON, PROPOSAL_EXAMPLE, PROPOSAL_VIEWSET_SCHEMA  # noqa: F401
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
from proposals.api.shared_reads import MAX_AGE, _read_key, shared_read  # noqa: F401
from proposals.models import Comment, Proposal, ProposalPhoto, StatusChange
from proposals.services import discussion, engagement
from proposals.services.submission import proposal_submit


class GeoJSONRenderer(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


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


@extend_schema_view(**PROPOSAL_VIEWSET_SCHEMA)
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
