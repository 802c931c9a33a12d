"""The public API of content: the centres, and every public page through Wagtail's pages API."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from config.api_common import ConditionalGetMixin, error_response
from home.ids import ID_REGEX, MAX_ID, parse_id
from home.links import page_absolute_url
from home.models import CentrePage, District


class DistrictSerializer(serializers.ModelSerializer):
    class Meta:
        model = District
        fields = ["id", "name"]


class CentreSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    districts = DistrictSerializer(many=True)

    class Meta:
        model = CentrePage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "town",
            "lead",
            "address",
            "opening_hours",
            "phone",
            "email",
            "latitude",
            "longitude",
            "accessibility_info",
            "districts",
        ]

    def get_url(self, page) -> str:
        return page_absolute_url(page, self.context.get("request"))


@extend_schema_view(
    list=extend_schema(
        summary="Centres",
        description="The community centres (live, public centre pages) with their address, "
        "opening hours, contact, map point and districts.",
        examples=[
            OpenApiExample(
                "Nowy Sącz",
                value={
                    "id": 4,
                    "title": "MAM Nowy Sącz",
                    "slug": "nowy-sacz",
                    "url": "https://mam.example.org/nowy-sacz/",
                    "town": "Nowy Sącz",
                    "lead": "",
                    "address": "ul. Przykładowa 1\n33-300 Nowy Sącz",
                    "opening_hours": "Poniedziałek–piątek: 10:00–18:00",
                    "phone": "+48 18 000 00 00",
                    "email": "nowysacz@mam.example.org",
                    "latitude": "49.625000",
                    "longitude": "20.691000",
                    "accessibility_info": "Wejście bez progów, winda.",
                    "districts": [{"id": 1, "name": "Centrum"}],
                },
                response_only=True,
            )
        ],
    ),
    retrieve=extend_schema(
        summary="One centre",
        responses={200: CentreSerializer, 404: error_response("No such centre.")},
    ),
)
class CentreViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CentreSerializer
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return CentrePage.objects.live().public().prefetch_related("districts").order_by("path")


PAGE_PARAMETERS = [
    OpenApiParameter("type", str, description="Only pages of a type, e.g. `home.NewsPage`."),
    OpenApiParameter("child_of", int, description="Only children of the page with this id."),
    OpenApiParameter("descendant_of", int, description="Only pages under this page."),
    OpenApiParameter("search", str, description="Words to search for."),
    OpenApiParameter(
        "fields", str, description="Comma-separated extra fields, `*` for all, `-name` to drop."
    ),
    OpenApiParameter("order", str, description="`title`, `-first_published_at`, `random`..."),
    OpenApiParameter("limit", int, description="How many pages (at most 20)."),
    OpenApiParameter("offset", int, description="How many to skip."),
]
PAGE_LIST = {
    "type": "object",
    "properties": {
        "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
        "items": {"type": "array", "items": {"type": "object"}},
    },
}


NUMBER_PARAMETERS = ("child_of", "descendant_of", "ancestor_of", "translation_of", "id")


def _check_numbers(request) -> None:
    """Refuse ids and offsets that cannot be one ("²", 30 digits): Wagtail would pass them on."""
    for name in (*NUMBER_PARAMETERS, "offset", "limit"):
        if name not in request.GET:
            continue
        value = request.GET[name].strip()
        if value == "root" and name in NUMBER_PARAMETERS:
            continue  # Wagtail's own word for the site's root page
        if parse_id(value) is None:
            raise BadRequestError(f"{name} must be a whole number from 0 to {MAX_ID}")


class PublicPagesAPIViewSet(ConditionalGetMixin, PagesAPIViewSet):
    """Wagtail's pages API (live, public pages only) answering errors like the rest of ours."""

    def handle_exception(self, exc):
        if isinstance(exc, BadRequestError):
            exc = serializers.ValidationError(str(exc))
        # Skip Wagtail's own handler, which answers {"message": ...} instead of our body.
        return super(BaseAPIViewSet, self).handle_exception(exc)

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        _check_numbers(self.request)

    def find_object(self, queryset, request):
        _check_numbers(request)
        return super().find_object(queryset, request)

    @extend_schema(
        operation_id="pages_list",
        summary="Pages",
        description="Live, public pages of the site (news, centre pages, content pages) "
        "through Wagtail's pages API: "
        "https://docs.wagtail.org/en/stable/advanced_topics/api/v2/usage.html",
        parameters=PAGE_PARAMETERS,
        responses={200: OpenApiResponse(PAGE_LIST), 400: error_response("A bad parameter.")},
    )
    def listing_view(self, request):
        return super().listing_view(request)

    @extend_schema(
        operation_id="pages_retrieve",
        summary="One page",
        parameters=[OpenApiParameter("fields", str, description="As for the list.")],
        responses={200: OpenApiTypes.OBJECT, 404: error_response("No such public page.")},
    )
    def detail_view(self, request, pk):
        if int(pk) > MAX_ID:  # would overflow the database's integer
            raise Http404
        return super().detail_view(request, pk)

    @extend_schema(
        operation_id="pages_find",
        summary="Find a page by its path",
        parameters=[
            OpenApiParameter("html_path", str, description="The page's path on the site."),
            OpenApiParameter("id", int, description="The page's id."),
        ],
        responses={302: None, 404: error_response("No such public page.")},
    )
    def find_view(self, request):
        return super().find_view(request)


pages_router = WagtailAPIRouter("wagtailapi")
pages_router.register_endpoint("pages", PublicPagesAPIViewSet)
