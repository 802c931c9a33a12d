"""Petitions and draft council resolutions (art. 41a) through the public API: read them, and
support one online with a token through the same service as the site. Supporters are only
counted; committee members are named only when they agreed to show their names."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS, ConditionalGetMixin, error_response
from home.ids import ID_REGEX, parse_id
from home.links import absolute_url
from initiatives.models import CommitteeMember, Initiative, Petition, PetitionSupport
from initiatives.services import petitions
from proposals.api.filters import IdFilter


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


def petition_timeline(petition: Petition) -> list[dict]:
    """The petition's dated steps, in order, as its page shows them."""
    entries = []
    if petition.opened_at:
        entries.append(
            {
                "date": timezone.localdate(petition.opened_at),
                "event": "published",
                "text": gettext("published, collecting support"),
            }
        )
    if petition.filed_on:
        text = gettext("filed with %(addressee)s") % {"addressee": petition.addressee_label}
        if petition.below_threshold:
            text += f"; {petitions.below_threshold_text(petition)}"
        entries.append({"date": petition.filed_on, "event": "filed", "text": text})
    if petition.council_deadline:
        text = gettext(
            "the council's deadline: it debates the draft at its next session, no later than "
            "3 months after filing"
        )
        if not petition.is_resolution:
            text = gettext(
                "the deadline for the answer: under the ustawa o petycjach a petition is "
                "considered no later than 3 months after filing"
            )
        entries.append(
            {"date": petition.council_deadline, "event": "council_deadline", "text": text}
        )
    if petition.extended_deadline:
        entries += _extension_entries(petition)
    if petition.decided_on:
        text = f"{gettext('decision:')} {petition.get_decision_display()}"
        if petition.decision_text:
            text += f" – {petition.decision_text}"
        entries.append({"date": petition.decided_on, "event": "decided", "text": text})
    return entries


def _extension_entries(petition: Petition) -> list[dict]:
    """The addressee's announced extension (art. 10 ust. 2 of the ustawa o petycjach)."""
    announced = gettext(
        "the addressee extended the deadline for the answer to %(date)s (art. 10 ust. 2 of the "
        "ustawa o petycjach: by at most another 3 months)"
    ) % {"date": date_format(petition.extended_deadline)}
    return [
        {
            "date": petition.extension_announced_on,
            "event": "deadline_extended",
            "text": f"{announced} – {petition.extension_reason}",
        },
        {
            "date": petition.extended_deadline,
            "event": "extended_deadline",
            "text": gettext("the extended deadline for the answer"),
        },
    ]


class PetitionSupportSerializer(serializers.Serializer):
    supported = serializers.BooleanField(help_text="Whether you support it now.")
    supporters_count = serializers.IntegerField()
    verified_supporters_count = serializers.IntegerField()


class PetitionFilter(django_filters.FilterSet):
    centre = IdFilter(field_name="centre_id")
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
