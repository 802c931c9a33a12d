"""The serializers of residents' initiatives in the public API: what is read, and the small
bodies of joining, supporting and signing up for a need."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from home.links import absolute_url
from initiatives import selectors
from initiatives.models import (
    Initiative,
    LocalInitiativeApplication,
    Membership,
    Need,
    Petition,
    Update,
)
from initiatives.petition_api import PetitionSummarySerializer, index_url


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
