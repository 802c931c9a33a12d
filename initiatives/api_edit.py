"""Editing an initiative through the API (PATCH, with a token): the site's edit service."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS
from home.ids import parse_id
from initiatives.models import PLACE_MAX, TEXT_MAX, TITLE_MAX, Initiative
from initiatives.services import editing

FIELDS = ("title", "issue", "goal", "place", "latitude", "longitude", "area")


class InitiativeEditSerializer(serializers.Serializer):
    """What may change; what is left out keeps its value (null clears a point or the area)."""

    title = serializers.CharField(max_length=TITLE_MAX, required=False)
    issue = serializers.CharField(max_length=TEXT_MAX, required=False)
    goal = serializers.CharField(max_length=TEXT_MAX, required=False)
    place = serializers.CharField(max_length=PLACE_MAX, required=False, allow_blank=True)
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
    area = serializers.JSONField(
        required=False, allow_null=True, help_text="One GeoJSON polygon (longitude, latitude)."
    )


class InitiativeEditMixin:
    """PATCH /initiatives/<id>/ for the coordinator and the centre's organisers."""

    @extend_schema(
        summary="Edit an initiative",
        description="The coordinator or the centre's organiser changes what the initiative says "
        "and where (photos through `/photos/`). Each edit is dated on the initiative's page; a "
        "running initiative stays public. Answers the initiative as read.",
        request=InitiativeEditSerializer,
        responses=WRITE_ERRORS,  # 200: the initiative (InitiativeViewSet's schema view)
        examples=[OpenApiExample("Edit", value={"goal": "Dwa nowe kosze."}, request_only=True)],
        filters=False,
    )
    def partial_update(self, request, pk=None):
        initiative = get_object_or_404(Initiative, pk=parse_id(pk) or 0)
        if not initiative.is_public and not editing.may_edit(request.user, initiative):
            raise Http404
        data = InitiativeEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = {name: getattr(initiative, name) for name in FIELDS} | data.validated_data
        editing.initiative_edit(initiative=initiative, user=request.user, **values)
        initiative.refresh_from_db()
        return Response(self.get_serializer_class()(initiative, context={"request": request}).data)
