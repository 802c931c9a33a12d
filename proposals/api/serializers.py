"""What the API shows of proposals and comments, and what it accepts to create them."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail import hooks

from home.ids import MAX_ID
from home.links import absolute_url
from proposals.models import BODY_MAX, COMMENT_MAX, TITLE_MAX, Comment, Pledge, Proposal


class ProposalCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    colour = serializers.CharField()
    icon = serializers.CharField()


class ProposalDistrictSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PhotoSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()

    def get_url(self, photo) -> str:
        return absolute_url(photo.image.url)


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.CharField()
    label = serializers.CharField(source="get_status_display")
    answer = serializers.CharField()
    forwarded_to = serializers.CharField()
    answer_due = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()


def proposal_url(request, proposal: Proposal) -> str:
    return absolute_url(proposal.get_absolute_url(request))


class ProposalSerializer(serializers.ModelSerializer):
    consultation = serializers.IntegerField(source="consultation_id")
    url = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    category = ProposalCategorySerializer(allow_null=True)
    district = ProposalDistrictSerializer(allow_null=True)
    author = serializers.SerializerMethodField(
        help_text="The author's public name, with the organisation once staff confirm it."
    )
    submitted_at_centre = serializers.SerializerMethodField()
    photos = PhotoSerializer(many=True)
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)

    class Meta:
        model = Proposal
        fields = [
            "id",
            "consultation",
            "url",
            "title",
            "body",
            "status",
            "status_label",
            "category",
            "district",
            "place",
            "latitude",
            "longitude",
            "estimated_cost",
            "official_cost",
            "supports_count",
            "comments_count",
            "threshold_reached_at",
            "author",
            "submitted_at_centre",
            "merged_into",
            "forwarded_to",
            "photos",
            "created_at",
            "updated_at",
        ]

    def get_url(self, proposal) -> str:
        return proposal_url(self.context.get("request"), proposal)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, proposal):
        return proposal.author.public_label if proposal.author_id else None

    def get_submitted_at_centre(self, proposal) -> bool:
        return proposal.submitted_by_staff_id is not None


class ProposalDetailSerializer(ProposalSerializer):
    status_history = StatusChangeSerializer(many=True, source="status_changes")
    details = serializers.SerializerMethodField(
        help_text="What other parts of MAM add, by name: `review` (the outcome of the review "
        "before the vote, its date and any appeal) when the consultation has a review step."
    )

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "status_history", "details"]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "object"}})
    def get_details(self, proposal) -> dict:
        """The `mam_proposal_api_details` hook: functions of the proposal returning
        (name, JSON-ready dict) or None."""
        found = (hook(proposal) for hook in hooks.get_hooks("mam_proposal_api_details"))
        return dict(item for item in found if item)


class ProposalCreateSerializer(serializers.Serializer):
    """A new proposal; the rules (phase, area, category of this consultation) are the site's."""

    consultation = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    title = serializers.CharField(max_length=TITLE_MAX)
    body = serializers.CharField(max_length=BODY_MAX)
    category = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )
    district = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, allow_null=True
    )
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False, allow_null=True
    )
    longitude = serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
        allow_null=True,
    )
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    estimated_cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField(
        help_text="The author's public name, with the organisation once staff confirm it."
    )
    parent = serializers.IntegerField(source="parent_id", allow_null=True)

    class Meta:
        model = Comment
        fields = ["id", "parent", "author", "body", "is_official", "created_at", "edited_at"]

    def get_author(self, comment) -> str:
        return comment.author.public_label


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=COMMENT_MAX)
    parent = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        help_text="Reply to this comment (of the same proposal).",
    )

    def __init__(self, *args, proposal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def validate_parent(self, value):
        if value is None:
            return None
        parent = Comment.objects.filter(proposal=self.proposal, pk=value).first()
        if parent is None:
            raise serializers.ValidationError(_("The comment you replied to does not exist."))
        return parent


class SupportSerializer(serializers.Serializer):
    supported = serializers.BooleanField()
    supports_count = serializers.IntegerField()


class PledgeInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=Pledge._meta.get_field("note").max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text="How you can help (optional).",
    )


class PledgeSerializer(serializers.Serializer):
    pledged = serializers.BooleanField()
    note = serializers.CharField()
