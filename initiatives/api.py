"""Residents' initiatives through the public API: read them and their updates; join, support
and sign up for a need with a token, through the same services as the site."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS, ConditionalGetMixin, error_response
from home.ids import ID_REGEX, parse_id
from home.links import absolute_url
from initiatives import selectors
from initiatives.api_edit import InitiativeEditMixin
from initiatives.models import (
    Initiative,
    LocalInitiativeApplication,
    Membership,
    Need,
    Petition,
    Update,
)
from initiatives.petition_api import PetitionSummarySerializer, index_url
from initiatives.services import membership, needs
from proposals.api.filters import IdFilter


def _initiative_url(initiative: Initiative, request) -> str:
    return index_url(initiative, "detail", request)


class NeedSerializer(serializers.ModelSerializer):
    places_left = serializers.IntegerField(read_only=True)

    class Meta:
        model = Need
        fields = ["id", "title", "details", "starts_at", "place", "wanted", "taken", "places_left"]


class ActionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    date = serializers.DateField()
    result = serializers.CharField()


class LinkedActivitySerializer(serializers.Serializer):
    title = serializers.CharField()
    starts_at = serializers.DateTimeField(help_text="The date's start.")
    url = serializers.CharField(help_text="The activity's page at the centre.")


class LocalApplicationSerializer(serializers.ModelSerializer):
    state = serializers.CharField(
        read_only=True, help_text="`ready`, `filed`, `accepted` or `rejected`."
    )
    area = serializers.CharField(read_only=True, help_text="The public task (art. 19b).")

    class Meta:
        model = LocalInitiativeApplication
        fields = ["id", "title", "state", "area", "starts_on", "ends_on", "decided_on"]


class InitiativeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    state = serializers.CharField(read_only=True, help_text="`active` or `ended`.")
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    outcome = serializers.CharField(
        read_only=True, help_text="`achieved`, `partly`, `not_achieved`, `continued` or empty."
    )
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    petition = serializers.SerializerMethodField()
    area = serializers.JSONField(
        read_only=True,
        allow_null=True,
        help_text="The area concerned: one GeoJSON polygon (longitude, latitude), or null.",
    )

    class Meta:
        model = Initiative
        fields = [
            "id",
            "centre",
            "url",
            "title",
            "issue",
            "goal",
            "place",
            "latitude",
            "longitude",
            "area",
            "state",
            "state_label",
            "outcome",
            "outcome_label",
            "outcome_text",
            "members_count",
            "supporters_count",
            "origin_proposal",
            "proposal",
            "created_at",
            "last_activity_at",
            "petition",
        ]

    def get_url(self, initiative) -> str:
        return _initiative_url(initiative, self.context.get("request"))

    @extend_schema_field(PetitionSummarySerializer(allow_null=True))
    def get_petition(self, initiative) -> dict | None:
        """The published petition in short (its own address has the rest), or null."""
        petition = getattr(initiative, "petition", None)
        if petition is None or petition.state == Petition.State.DRAFT:
            return None
        return PetitionSummarySerializer(petition).data


class InitiativeDetailSerializer(InitiativeSerializer):
    needs = NeedSerializer(many=True)
    actions = ActionSerializer(many=True)
    local_applications = serializers.SerializerMethodField()
    activities = serializers.SerializerMethodField()

    class Meta(InitiativeSerializer.Meta):
        fields = [
            *InitiativeSerializer.Meta.fields,
            "needs",
            "actions",
            "local_applications",
            "activities",
        ]

    @extend_schema_field(LinkedActivitySerializer(many=True))
    def get_activities(self, initiative) -> list[dict]:
        """The centre's activities linked to the initiative, newest first (the next dates and
        the recent ones)."""
        found = selectors.linked_activities(initiative, self.context.get("request"))
        rows = sorted(
            [*found.get("upcoming", []), *found.get("past", [])],
            key=lambda row: row["starts_at"],
            reverse=True,
        )
        return LinkedActivitySerializer(
            [{**row, "url": absolute_url(row["url"])} for row in rows], many=True
        ).data

    @extend_schema_field(LocalApplicationSerializer(many=True))
    def get_local_applications(self, initiative) -> list[dict]:
        public = [a for a in initiative.local_applications.all() if a.state != "draft"]
        return LocalApplicationSerializer(public, many=True).data


class UpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Update
        fields = ["id", "body", "created_at"]


class JoinSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Membership.Kind.choices, default="member")
    show_name = serializers.BooleanField(default=False)


class MembershipSerializer(serializers.Serializer):
    kind = serializers.CharField(allow_blank=True, help_text="`member`, `supporter` or empty.")
    members_count = serializers.IntegerField()
    supporters_count = serializers.IntegerField()


class SignUpSerializer(serializers.Serializer):
    signed_up = serializers.BooleanField()
    taken = serializers.IntegerField()
    wanted = serializers.IntegerField()


class InitiativeFilter(django_filters.FilterSet):
    centre = IdFilter(field_name="centre_id")
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
