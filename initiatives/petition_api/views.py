"""The petitions' endpoints: list and read published ones, support one online with a token."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS, ConditionalGetMixin, error_response
from home.ids import ID_REGEX, parse_id
from initiatives.models import CommitteeMember, Initiative, Petition, PetitionSupport
from initiatives.petition_api.serializers import (
    PetitionDetailSerializer,
    PetitionSerializer,
    PetitionSupportSerializer,
)
from initiatives.services import petitions
from proposals.api.filters import CentreFilter, IdFilter


class PetitionFilter(django_filters.FilterSet):
    centre = CentreFilter(field_name="centre_id")
    initiative = IdFilter(field_name="initiative_id")
    kind = django_filters.ChoiceFilter(choices=Petition.Kind.choices)
    state = django_filters.ChoiceFilter(
        choices=[(state, state) for state in ("open", "filed", "decided")]
    )

    class Meta:
        model = Petition
        fields = ["centre", "initiative", "kind", "state"]


def public_petitions():
    """Published petitions of published initiatives: drafts and hidden groups are left out."""
    return Petition.objects.exclude(state=Petition.State.DRAFT).filter(
        initiative__in=Initiative.objects.public()
    )


@extend_schema_view(
    list=extend_schema(
        summary="Petitions and draft council resolutions",
        description="Published petitions of residents' initiatives, newest first; `?centre=`, "
        "`?initiative=`, `?kind=petition|resolution`, `?state=open|filed|decided`. Online "
        "support is public support, not a legal signature: only paper signatures two staff "
        "members confirmed count toward a draft resolution's threshold. Pages of 20.",
    ),
    retrieve=extend_schema(
        summary="One petition",
        description="A petition with its timeline and, for a draft resolution, its committee "
        "(counted; names only of members who agreed to show them).",
        responses={200: PetitionDetailSerializer, 404: error_response("No such petition.")},
    ),
)
class PetitionViewSet(
    ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Petition.objects.none()
    lookup_value_regex = ID_REGEX
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = PetitionFilter

    def get_queryset(self):
        queryset = public_petitions().select_related("initiative__index")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("initiative__committee", queryset=CommitteeMember.objects.order_by("pk"))
            )
        return queryset.order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return PetitionDetailSerializer if self.action == "retrieve" else PetitionSerializer

    @extend_schema(
        methods=["POST"],
        summary="Support a petition online",
        description="Your public support, once (supporting again changes nothing); verified "
        "residents of the town are counted apart. It is not a legal signature.",
        request=None,
        responses={200: PetitionSupportSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Withdraw your online support",
        request=None,
        responses={200: PetitionSupportSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @action(detail=True, methods=["post", "delete"], filter_backends=[])
    def support(self, request, pk=None):
        petition = get_object_or_404(public_petitions(), pk=parse_id(pk) or 0)
        if request.method == "DELETE":
            petitions.petition_withdraw(petition=petition, user=request.user)
        else:
            petitions.petition_support(petition=petition, user=request.user)
        petition.refresh_from_db(fields=["supporters_count", "verified_supporters_count"])
        supported = request.user.is_authenticated and (
            PetitionSupport.objects.filter(petition=petition, user=request.user).exists()
        )
        return Response(
            {
                "supported": supported,
                "supporters_count": petition.supporters_count,
                "verified_supporters_count": petition.verified_supporters_count,
            }
        )
