"""Implementation records through the API: read only (officials change them in the admin)."""

import django_filters
from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from config.api_common import ConditionalGetMixin, error_response
from consultations.models import ConsultationPage
from home.ids import ID_REGEX
from home.links import absolute_url
from implementation.models import Implementation, Milestone, Status, TimelineEntry
from proposals.api.filters import IdFilter


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["kind", "name", "planned_on", "done_on"]


class TimelineEntrySerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = TimelineEntry
        fields = ["created_at", "text", "note", "status", "status_label", "percent_done"]


class ImplementationPhotoSerializer(serializers.Serializer):
    kind = serializers.CharField()
    url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()

    def get_url(self, photo) -> str:
        return absolute_url(photo.image.url)


class ImplementationSerializer(serializers.ModelSerializer):
    proposal = serializers.IntegerField(source="proposal_id")
    consultation = serializers.IntegerField(source="proposal.consultation_id")
    title = serializers.CharField(source="proposal.title")
    url = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    department = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()

    class Meta:
        model = Implementation
        fields = [
            "id",
            "proposal",
            "consultation",
            "title",
            "url",
            "status",
            "status_label",
            "reason",
            "percent_done",
            "money_planned",
            "money_spent",
            "department",
            "district",
            "updated_at",
        ]

    def get_url(self, record) -> str:
        return absolute_url(record.proposal.get_absolute_url(self.context.get("request")))

    def get_department(self, record) -> str:
        return record.department.name if record.department else ""

    def get_district(self, record) -> str:
        district = record.proposal.district
        return district.name if district else ""


class ImplementationDetailSerializer(ImplementationSerializer):
    milestones = MilestoneSerializer(many=True)
    photos = ImplementationPhotoSerializer(many=True)
    timeline = TimelineEntrySerializer(many=True)

    class Meta(ImplementationSerializer.Meta):
        fields = [*ImplementationSerializer.Meta.fields, "milestones", "photos", "timeline"]


class ImplementationFilter(django_filters.FilterSet):
    consultation = IdFilter(
        field_name="proposal__consultation_id", help_text="A consultation's id."
    )
    status = django_filters.ChoiceFilter(choices=Status.choices)

    class Meta:
        model = Implementation
        fields = []


def public_records():
    """Records of visible proposals in live, public consultations."""
    return (
        Implementation.objects.public()
        .filter(proposal__consultation__in=ConsultationPage.objects.live().public())
        .select_related("proposal__consultation", "proposal__district", "department")
    )


@extend_schema_view(
    list=extend_schema(
        summary="Implementation records",
        description="Funded projects' implementation: status, percent done, money planned and "
        "spent. Filter by consultation and status; pages of 20.",
    ),
    retrieve=extend_schema(
        summary="One implementation record",
        description="A record with its milestones, photos and dated public timeline.",
        responses={
            200: ImplementationDetailSerializer,
            404: error_response("No such public record."),
        },
    ),
)
class ImplementationViewSet(
    ConditionalGetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Implementation.objects.none()
    lookup_value_regex = ID_REGEX
    filter_backends = [DjangoFilterBackend]
    filterset_class = ImplementationFilter

    def get_queryset(self):
        queryset = public_records()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "milestones", "photos", Prefetch("timeline", TimelineEntry.objects.all())
            )
        return queryset.order_by("proposal__title", "pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ImplementationDetailSerializer
        return ImplementationSerializer
