"""The petitions' serializers: the summary an initiative carries, the petition with its
timeline and, for a draft resolution, its committee (counted, named only with consent).
"""

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from home.links import absolute_url
from initiatives.models import Initiative, Petition
from initiatives.petition_api.timeline import petition_timeline
from initiatives.services import petitions


def index_url(initiative: Initiative, name: str, request) -> str:
    index = initiative.index
    parts = index.get_url_parts(request)
    base = parts[2] if parts else "/"
    return absolute_url(base + index.reverse_subpage(name, kwargs={"pk": initiative.pk}))


class PetitionSummarySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True, help_text="`petition` or `resolution`.")
    state = serializers.CharField(read_only=True, help_text="`open`, `filed` or `decided`.")
    signatures_required = serializers.SerializerMethodField()
    paper_signatures = serializers.SerializerMethodField()
    progress_percent = serializers.SerializerMethodField()
    below_threshold = serializers.BooleanField(
        read_only=True,
        help_text="True when a draft resolution was filed with fewer confirmed signatures than "
        "its threshold (art. 41a): the council is not bound to debate it. False otherwise.",
    )
    filed_signatures = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id",
            "kind",
            "title",
            "state",
            "supporters_count",
            "verified_supporters_count",
            "signatures_required",
            "paper_signatures",
            "progress_percent",
            "below_threshold",
            "filed_signatures",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_filed_signatures(self, petition) -> int | None:
        """Confirmed paper signatures when the draft resolution was filed; null otherwise."""
        return petition.filed_signatures if petition.is_resolution else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_signatures_required(self, petition) -> int | None:
        """The threshold of a draft resolution (art. 41a); null for an ordinary petition."""
        return petition.signatures_required if petition.is_resolution else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_paper_signatures(self, petition) -> int | None:
        """Valid signatures on paper sheets two staff members confirmed; null for a petition."""
        return petition.paper_signatures if petition.is_resolution else None

    @extend_schema_field(serializers.IntegerField(allow_null=True, min_value=0, max_value=100))
    def get_progress_percent(self, petition) -> int | None:
        """Paper signatures toward the threshold, 0–100 (online support does not count)."""
        if not petition.is_resolution or not petition.signatures_required:
            return None
        return min(100, petition.paper_signatures * 100 // petition.signatures_required)


class PetitionTimelineEntrySerializer(serializers.Serializer):
    date = serializers.DateField()
    event = serializers.CharField(
        help_text=(
            "`published`, `filed`, `council_deadline`, `deadline_extended`, "
            "`extended_deadline` or `decided`."
        )
    )
    text = serializers.CharField()


class PetitionCommitteeSerializer(serializers.Serializer):
    members = serializers.IntegerField(help_text="Members who consented.")
    minimum = serializers.IntegerField()
    named = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names of the members who agreed to show them; the others are only counted.",
    )


class PetitionSerializer(PetitionSummarySerializer):
    url = serializers.SerializerMethodField()
    initiative = serializers.IntegerField(source="initiative_id", read_only=True)
    initiative_url = serializers.SerializerMethodField()
    centre = serializers.IntegerField(source="centre_id", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    addressee = serializers.CharField(
        read_only=True, help_text="`mayor`, `council` or `other` (named in `addressee_label`)."
    )
    addressee_label = serializers.CharField(read_only=True)
    online_support_note = serializers.SerializerMethodField()
    deadline = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="The deadline in force: `extended_deadline` when the addressee extended it "
        "(art. 10 ust. 2 of the ustawa o petycjach), else `council_deadline`.",
    )
    overdue = serializers.SerializerMethodField()
    decision = serializers.CharField(
        read_only=True, help_text="`adopted`, `partly`, `rejected` or empty."
    )
    decision_label = serializers.CharField(source="get_decision_display", read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta(PetitionSummarySerializer.Meta):
        fields = [
            *PetitionSummarySerializer.Meta.fields,
            "url",
            "initiative",
            "initiative_url",
            "centre",
            "kind_label",
            "state_label",
            "text",
            "addressee",
            "addressee_label",
            "online_support_note",
            "opened_at",
            "filed_on",
            "council_deadline",
            "extended_deadline",
            "extension_reason",
            "deadline",
            "overdue",
            "decided_on",
            "decision",
            "decision_label",
            "decision_text",
            "resolution_url",
            "timeline",
        ]

    def get_url(self, petition) -> str:
        return index_url(petition.initiative, "petition", self.context.get("request"))

    def get_initiative_url(self, petition) -> str:
        return index_url(petition.initiative, "detail", self.context.get("request"))

    def get_online_support_note(self, petition) -> str:
        return gettext("Online support is public support, not a legal signature.")

    def get_overdue(self, petition) -> bool:
        """Filed, no decision, and the deadline in force (extended, if so) has passed."""
        return petition.is_overdue()

    @extend_schema_field(PetitionTimelineEntrySerializer(many=True))
    def get_timeline(self, petition) -> list[dict]:
        return PetitionTimelineEntrySerializer(petition_timeline(petition), many=True).data


class PetitionDetailSerializer(PetitionSerializer):
    committee = serializers.SerializerMethodField()

    class Meta(PetitionSerializer.Meta):
        fields = [*PetitionSerializer.Meta.fields, "committee"]

    @extend_schema_field(PetitionCommitteeSerializer(allow_null=True))
    def get_committee(self, petition) -> dict | None:
        """The art. 41a committee of a draft resolution: counted, named only with consent."""
        if not petition.is_resolution:
            return None
        seats = [s for s in petition.initiative.committee.all() if s.consented_at]
        return {
            "members": len(seats),
            "minimum": petitions.COMMITTEE_MINIMUM,
            "named": [s.full_name for s in seats if s.show_name],
        }


class PetitionSupportSerializer(serializers.Serializer):
    supported = serializers.BooleanField(help_text="Whether you support it now.")
    supporters_count = serializers.IntegerField()
    verified_supporters_count = serializers.IntegerField()
