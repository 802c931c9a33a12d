"""Residents' initiatives through the public API: read them and their updates; join, support
and sign up for a need with a token, through the same services as the site."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS, ConditionalGetMixin, error_response
from home.ids import ID_REGEX, parse_id
from initiatives.api.photos import InitiativePhotosMixin
from initiatives.api.serializers import (
    InitiativeDetailSerializer,
    InitiativeSerializer,
    JoinSerializer,
    MembershipSerializer,
    SignUpSerializer,
    UpdateSerializer,
)
from initiatives.api_edit import InitiativeEditMixin
from initiatives.models import Initiative, Membership, Need, Update
from initiatives.services import membership, needs
from proposals.api.filters import CentreFilter


class InitiativeFilter(django_filters.FilterSet):
    centre = CentreFilter(field_name="centre_id")
    state = django_filters.ChoiceFilter(
        choices=[(Initiative.State.ACTIVE, "active"), (Initiative.State.ENDED, "ended")]
    )

    class Meta:
        model = Initiative
        fields = ["centre", "state"]


def public_initiatives():
    return Initiative.objects.public().select_related("index", "petition")


@extend_schema_view(
    list=extend_schema(
        summary="Residents' initiatives",
        description="Published initiatives (running or ended), newest first; `?centre=`, "
        "`?state=active|ended`. Pages of 20.",
    ),
    retrieve=extend_schema(
        summary="One initiative",
        description="An initiative with its needs, actions, local initiative applications and "
        "the centre's activities linked to it.",
        responses={200: InitiativeDetailSerializer, 404: error_response("No such initiative.")},
    ),
    partial_update=extend_schema(responses={200: InitiativeSerializer, **WRITE_ERRORS}),
)
class InitiativeViewSet(
    InitiativeEditMixin,
    InitiativePhotosMixin,
    ConditionalGetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Initiative.objects.none()
    lookup_value_regex = ID_REGEX
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = InitiativeFilter

    def get_queryset(self):
        queryset = public_initiatives()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("needs", queryset=Need.objects.order_by("starts_at", "pk")),
                "actions",
                "local_applications",
            )
        return queryset.order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return InitiativeDetailSerializer if self.action == "retrieve" else InitiativeSerializer

    def _initiative(self, pk) -> Initiative:
        return get_object_or_404(public_initiatives(), pk=pk)

    @extend_schema(
        summary="An initiative's updates",
        description="The public timeline, newest first (hidden updates are left out).",
        responses={200: UpdateSerializer(many=True), 404: error_response("No such initiative.")},
        filters=False,
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def updates(self, request, pk=None):
        initiative = self._initiative(pk)
        rows = Update.objects.filter(initiative=initiative, hidden_at__isnull=True).order_by(
            "-created_at", "-pk"
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(UpdateSerializer(page, many=True).data)

    def _membership(self, initiative, user) -> Response:
        initiative.refresh_from_db(fields=["members_count", "supporters_count"])
        own = Membership.objects.filter(initiative=initiative, user=user).first()
        return Response(
            {
                "kind": own.kind if own else "",
                "members_count": initiative.members_count,
                "supporters_count": initiative.supporters_count,
            }
        )

    @extend_schema(
        methods=["POST"],
        summary="Join an initiative",
        description="Join as a member (or follow as a `supporter`); `show_name` lets your name "
        "be public. Joining again changes how you take part.",
        request=JoinSerializer,
        responses={200: MembershipSerializer, **WRITE_ERRORS},
        examples=[OpenApiExample("Join", value={"kind": "member"}, request_only=True)],
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Leave an initiative",
        request=None,
        responses={200: MembershipSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @action(detail=True, methods=["post", "delete"], filter_backends=[])
    def join(self, request, pk=None):
        initiative = self._initiative(pk)
        if request.method == "DELETE":
            membership.initiative_leave(initiative=initiative, user=request.user)
        else:
            data = JoinSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            membership.initiative_join(
                initiative=initiative, user=request.user, **data.validated_data
            )
        return self._membership(initiative, request.user)

    @extend_schema(
        methods=["POST"],
        summary="Support (follow) an initiative",
        description="Follow as a supporter: you get its updates by email; the count is public.",
        request=None,
        responses={200: MembershipSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Stop supporting an initiative",
        request=None,
        responses={200: MembershipSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @action(detail=True, methods=["post", "delete"], filter_backends=[])
    def support(self, request, pk=None):
        initiative = self._initiative(pk)
        if request.method == "DELETE":
            own = Membership.objects.filter(initiative=initiative, user=request.user).first()
            if own is not None and own.kind == Membership.Kind.SUPPORTER:
                membership.initiative_leave(initiative=initiative, user=request.user)
        else:
            membership.initiative_join(
                initiative=initiative, user=request.user, kind=Membership.Kind.SUPPORTER
            )
        return self._membership(initiative, request.user)

    @extend_schema(
        methods=["POST"],
        summary="Sign up for a need",
        description="Sign up for one of the group's needs while places are left.",
        request=None,
        responses={200: SignUpSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Cancel your sign-up for a need",
        request=None,
        responses={200: SignUpSerializer, **WRITE_ERRORS},
        filters=False,
    )
    @action(
        detail=True,
        methods=["post", "delete"],
        filter_backends=[],
        url_path=rf"needs/(?P<need_pk>{ID_REGEX})/signup",
    )
    def need_signup(self, request, pk=None, need_pk=None):
        initiative = self._initiative(pk)
        need = get_object_or_404(Need, pk=parse_id(need_pk) or 0, initiative=initiative)
        if request.method == "DELETE":
            needs.need_withdraw(need=need, user=request.user)
        else:
            needs.need_sign_up(need=need, user=request.user)
        need.refresh_from_db(fields=["taken"])
        signed = need.signups.filter(user=request.user).exists()
        return Response({"signed_up": signed, "taken": need.taken, "wanted": need.wanted})
