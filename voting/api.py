"""The vote in the public API: a consultation's published results, its anonymised ballots
and casting a ballot (`cast_ballot`, as on the site), under `/consultations/<id>/`.

`ConsultationVotingViewSet` is the consultations' viewset with these actions added, routed
by config/api.py in its place.
"""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS, error_response
from consultations.api import ConsultationViewSet, public_consultations
from home.ids import MAX_ID
from home.links import absolute_url
from voting.models import ResultFile, ResultSnapshot
from voting.services import results as results_service
from voting.services.voting import cast_ballot


class ResultSerializer(serializers.ModelSerializer):
    consultation = serializers.IntegerField(source="consultation_id")
    ballots_url = serializers.SerializerMethodField()

    class Meta:
        model = ResultSnapshot
        fields = [
            "consultation",
            "method",
            "computed_at",
            "published_at",
            "code_version",
            "ballots_checksum",
            "csv_checksum",
            "figures",
            "ballots_url",
        ]

    def get_ballots_url(self, snapshot) -> str:
        return absolute_url(f"/api/v1/consultations/{snapshot.consultation_id}/ballots/")


class BallotInputSerializer(serializers.Serializer):
    proposals = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=1000,
        help_text="Approval and budget votes: the ids of the chosen proposals.",
    )
    answers = serializers.DictField(
        child=serializers.ChoiceField(choices=["yes", "no", "abstain"]),
        required=False,
        default=dict,
        help_text='Question votes: {"<question id>": "yes" | "no" | "abstain"}.',
    )


class BallotOutputSerializer(serializers.Serializer):
    voted = serializers.BooleanField()
    proposals = serializers.ListField(child=serializers.IntegerField())
    answers = serializers.DictField(child=serializers.CharField())


class ConsultationVotingViewSet(ConsultationViewSet):
    def _published(self, pk) -> ResultSnapshot:
        consultation = get_object_or_404(public_consultations(), pk=pk)
        return get_object_or_404(
            ResultSnapshot.objects.filter(published_at__isnull=False), consultation=consultation
        )

    @extend_schema(
        summary="Published results",
        description="The counted result as published: the figures, the SHA-256 checksums of "
        "the ballot files and the code version that counted them. 404 until the results "
        "are published.",
        responses={200: ResultSerializer, 404: error_response("No published result (yet).")},
        examples=[
            OpenApiExample(
                "An approval vote",
                value={
                    "consultation": 12,
                    "method": "approval",
                    "computed_at": "2026-12-20T12:00:00+01:00",
                    "published_at": "2026-12-20T12:00:00+01:00",
                    "code_version": "9846953",
                    "ballots_checksum": "3f…",
                    "csv_checksum": "9a…",
                    "figures": {"turnout": {"total": 120}, "options": []},
                    "ballots_url": "https://mam.example.org/api/v1/consultations/12/ballots/",
                },
                response_only=True,
            )
        ],
    )
    @action(detail=True)
    def results(self, request, pk=None):
        snapshot = self._published(pk)
        return Response(ResultSerializer(snapshot, context={"request": request}).data)

    @extend_schema(
        summary="Anonymised ballots",
        description="The published ballot document (format `mam-ballots/1`): rules, options "
        "and every ballot with a random id, no person and no time. The body is byte for byte "
        "the file whose SHA-256 is `ballots_checksum`, so `sha256(body)` checks it; "
        "`voting/tally.py` recounts it. 404 until the results are published.",
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            404: error_response("No published result (yet)."),
        },
    )
    @action(detail=True)
    def ballots(self, request, pk=None):
        consultation = get_object_or_404(public_consultations(), pk=pk)
        snapshot = get_object_or_404(
            ResultSnapshot.objects.filter(published_at__isnull=False).only("ballots_checksum"),
            consultation=consultation,
        )
        etag = f'"{snapshot.ballots_checksum}"'
        # A client holding this file gets 304 before the file is even read.
        if (unchanged := get_conditional_response(request, etag=etag)) is not None:
            return unchanged
        found = results_service.published_file_chunks(consultation, ResultFile.Format.JSON)
        if found is None:  # retention deleted the result meanwhile
            raise Http404
        size, chunks = found
        # Streamed chunk by chunk from the stored file, as the results page's download: the
        # process never holds the whole file (megabytes at 20,000 ballots).
        response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
        response["Content-Length"] = str(size)
        response["ETag"] = etag
        return response

    @extend_schema(
        summary="Cast or change your ballot",
        description="Vote online, as on the voting page: the same rules (phase, eligibility, "
        "limits, budget) are checked by the same function. Approval and budget votes send "
        "`proposals`; question votes send `answers`. Voting again changes the ballot unless "
        "ballots are final.",
        request=BallotInputSerializer,
        responses={200: BallotOutputSerializer, **WRITE_ERRORS},
        examples=[
            OpenApiExample("Approval vote", value={"proposals": [31, 40]}, request_only=True),
            OpenApiExample(
                "Question vote", value={"answers": {"5": "yes", "6": "abstain"}}, request_only=True
            ),
        ],
    )
    @action(
        detail=True,
        methods=["post"],
        permission_classes=[IsAuthenticated],
    )
    def vote(self, request, pk=None):
        consultation = get_object_or_404(public_consultations().prefetch_related("phases"), pk=pk)
        data = BallotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = cast_ballot(
            user=request.user,
            consultation=consultation,
            proposal_ids=data.validated_data["proposals"],
            answers=data.validated_data["answers"],
        )
        choices = list(ballot.choices.all())
        body = {
            "voted": True,
            "proposals": sorted(c.proposal_id for c in choices if c.proposal_id),
            "answers": {str(c.question_id): c.answer for c in choices if c.question_id},
        }
        return Response(body, status=status.HTTP_200_OK)
