"""The public API of partners: the centres' partner organisations, public fields only (a
contact shows only where the partner agreed)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from config.api_common import error_response
from home.ids import ID_REGEX, parse_id
from partners.models import Partner


class PartnerSerializer(serializers.ModelSerializer):
    centre = serializers.IntegerField(source="centre_id", read_only=True)
    email = serializers.CharField(source="public_email", help_text="Empty unless public.")
    phone = serializers.CharField(source="public_phone", help_text="Empty unless public.")
    address = serializers.CharField(source="public_address", help_text="Empty unless public.")
    logo = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        fields = [
            "id",
            "centre",
            "name",
            "kind",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "logo",
            "logo_alt",
        ]

    def get_logo(self, partner) -> str:
        return partner.logo.url if partner.logo else ""


@extend_schema_view(
    list=extend_schema(
        summary="Partners",
        description="The centres' partner organisations and groups "
        "(`centre` filters by a centre's id).",
        parameters=[OpenApiParameter("centre", OpenApiTypes.INT, description="A centre's id.")],
    ),
    retrieve=extend_schema(
        summary="One partner",
        responses={200: PartnerSerializer, 404: error_response("No such partner.")},
    ),
)
class PartnerViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Partner.objects.none()
    serializer_class = PartnerSerializer
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        found = Partner.objects.listed().order_by("centre_id", "sort_order", "name", "pk")
        if self.action == "list" and "centre" in self.request.query_params:
            centre = parse_id(self.request.query_params["centre"])
            if centre is None:
                raise serializers.ValidationError({"centre": [_("Give a centre's id.")]})
            found = found.filter(centre_id=centre)
        return found
