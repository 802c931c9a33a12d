"""Filters of the proposals list: consultation, category, district, status, area, words, order."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from home.centre_param import DESCRIPTION, INVALID, centre_ids, parse_centre
from home.ids import MAX_ID
from proposals.models import Proposal
from proposals.selectors import search_proposals

SEARCH_MAX = 200


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """An id: a whole number in the range ids can have (bigger ones cannot match anything)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class CentreField(forms.CharField):
    """A centre's id or slug (home.centre_param): the id as an int, the slug as a str."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        centre = parse_centre(value)
        if centre is None:
            raise forms.ValidationError(str(INVALID))
        return centre


# With a schema of its own drf-spectacular ignores help_text: the description goes here.
@extend_schema_field({"type": "string", "description": DESCRIPTION})
class CentreFilter(django_filters.Filter):
    """`?centre=` by id or slug; an unknown one matches nothing, as an unknown id always did."""

    field_class = CentreField

    def filter(self, queryset, value):
        if value is None:
            return queryset
        return queryset.filter(**{f"{self.field_name}__in": centre_ids(value)})


class BoundingBoxField(forms.CharField):
    """`minLon,minLat,maxLon,maxLat` in degrees (WGS 84), as GeoJSON and most maps write it."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        parts = value.split(",")
        if len(parts) != 4:
            raise forms.ValidationError(
                _("Give four numbers separated by commas: minLon,minLat,maxLon,maxLat.")
            )
        try:
            min_lon, min_lat, max_lon, max_lat = (float(part) for part in parts)
        except ValueError:
            raise forms.ValidationError(_("The bounding box must contain numbers only.")) from None
        if not all(-180 <= lon <= 180 for lon in (min_lon, max_lon)):
            raise forms.ValidationError(_("Longitudes must lie between -180 and 180."))
        if not all(-90 <= lat <= 90 for lat in (min_lat, max_lat)):
            raise forms.ValidationError(_("Latitudes must lie between -90 and 90."))
        if min_lon > max_lon or min_lat > max_lat:
            raise forms.ValidationError(
                _("The minimum longitude and latitude come first, the maximum ones last.")
            )
        return min_lon, min_lat, max_lon, max_lat


@extend_schema_field(OpenApiTypes.STR)
class BoundingBoxFilter(django_filters.Filter):
    field_class = BoundingBoxField

    def filter(self, queryset, value):
        if not value:
            return queryset
        min_lon, min_lat, max_lon, max_lat = value
        return queryset.filter(
            longitude__gte=min_lon,
            longitude__lte=max_lon,
            latitude__gte=min_lat,
            latitude__lte=max_lat,
        )


class StableOrderingFilter(django_filters.OrderingFilter):
    """Order as asked, newest first by default; the id breaks ties so pages never overlap."""

    def filter(self, queryset, value):
        # Empty items (`?ordering=,,,`) are ignored, not handed to order_by() (a FieldError).
        fields = [self.get_ordering_value(param) for param in value or [] if param.strip("-")]
        return queryset.order_by(*fields, "-created_at", "-pk")


class ProposalFilter(django_filters.FilterSet):
    consultation = IdFilter(field_name="consultation_id", help_text="A consultation's id.")
    category = IdFilter(field_name="category_id", help_text="A category's id.")
    district = IdFilter(field_name="district_id", help_text="A district's id.")
    status = django_filters.ChoiceFilter(choices=Proposal.Status.choices)
    bbox = BoundingBoxFilter(
        label=gettext_lazy("area"),
        help_text="Only proposals with a point inside `minLon,minLat,maxLon,maxLat`, "
        "e.g. `20.6,49.6,20.8,49.7`.",
    )
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX,
        help_text="Words in the title or description (full-text search on PostgreSQL).",
    )
    ordering = StableOrderingFilter(
        fields=(
            ("created_at", "created"),
            ("supports_count", "supports"),
            ("comments_count", "comments"),
        ),
        help_text="`created`, `supports` or `comments`; a minus sign for the most first. "
        "Default: newest first.",
    )

    class Meta:
        model = Proposal
        fields = []

    def filter_search(self, queryset, name, value):
        return search_proposals(queryset, value) if value.strip() else queryset
