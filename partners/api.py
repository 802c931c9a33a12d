"""The public API of partners: the centres' partner organisations, public fields only (a
contact shows only where the partner agreed)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from config.api_common import error_response
from home import centre_param
from home.ids import ID_REGEX
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
        "(`centre` filters by a centre's id or slug).",
        parameters=[
            OpenApiParameter("centre", OpenApiTypes.STR, description=centre_param.DESCRIPTION)
        ],
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
            centre = centre_param.parse_centre(self.request.query_params["centre"])
            if centre is None:
                raise serializers.ValidationError({"centre": [str(centre_param.INVALID)]})
            found = found.filter(centre_id__in=centre_param.centre_ids(centre))
        return found
