"""The public API of rooms: rooms with their free and busy times per week, and a resident's
own booking requests (token or session), made through the same services as the site."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from config.api_common import WRITE_ERRORS, error_body, error_response
from consultations.participation import NotAllowed
from home import centre_param
from home.ids import ID_REGEX, parse_id
from rooms import selectors, services
from rooms.forms import week_start
from rooms.models import Booking, Room


class RoomSerializer(serializers.ModelSerializer):
    centre = serializers.IntegerField(source="centre_id", read_only=True)
    equipment = serializers.ListField(source="equipment_lines", child=serializers.CharField())

    class Meta:
        model = Room
        fields = [
            "id",
            "centre",
            "name",
            "capacity",
            "equipment",
            "accessibility",
            "step_free",
            "house_rules",
            "bookable",
        ]


class IntervalSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class BusySerializer(IntervalSerializer):
    activity = serializers.CharField(allow_blank=True, help_text="The activity's title, if any.")


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    closed = serializers.BooleanField()
    closed_note = serializers.CharField(allow_blank=True)
    open = IntervalSerializer(many=True)
    busy = BusySerializer(many=True)
    free = IntervalSerializer(many=True)


class WeekSerializer(serializers.Serializer):
    room = serializers.IntegerField()
    monday = serializers.DateField()
    days = DaySerializer(many=True)


def _week_data(room: Room, week: selectors.Week) -> dict:
    def spans(items):
        return [{"start": start, "end": end} for start, end in items]

    return {
        "room": room.pk,
        "monday": week.monday,
        "days": [
            {
                "date": day.date,
                "closed": day.closed,
                "closed_note": day.closed_note,
                "open": spans(day.opening),
                "busy": [
                    {
                        "start": b.starts_at,
                        "end": b.ends_at,
                        "activity": b.public_activity.title if b.public_activity else "",
                    }
                    for b in day.busy
                ],
                "free": spans(day.free),
            }
            for day in week.days
        ],
    }


def _public_rooms():
    return (
        Room.objects.filter(centre__live=True)
        .select_related("centre")
        .order_by("centre_id", "sort_order", "name", "pk")
    )


@extend_schema_view(
    list=extend_schema(
        summary="Rooms",
        description="The centres' rooms that residents and organisations may ask for "
        "(`centre` filters by a centre's id or slug).",
        parameters=[
            OpenApiParameter("centre", OpenApiTypes.STR, description=centre_param.DESCRIPTION)
        ],
    ),
    retrieve=extend_schema(
        summary="One room", responses={200: RoomSerializer, 404: error_response("No such room.")}
    ),
)
class RoomViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Room.objects.none()
    serializer_class = RoomSerializer
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        found = _public_rooms()
        if self.action == "list" and "centre" in self.request.query_params:
            centre = centre_param.parse_centre(self.request.query_params["centre"])
            if centre is None:
                raise serializers.ValidationError({"centre": [str(centre_param.INVALID)]})
            found = found.filter(centre_id__in=centre_param.centre_ids(centre))
        return found

    @extend_schema(
        summary="A room's week: open, busy and free times",
        parameters=[
            OpenApiParameter(
                "tydzien",
                OpenApiTypes.DATE,
                description="A day of the week wanted (its Monday is used); this week if absent.",
            )
        ],
        responses={200: WeekSerializer, 404: error_response("No such room or week.")},
    )
    @action(detail=True, methods=["get"])
    def week(self, request, pk=None):
        room = get_object_or_404(_public_rooms(), pk=parse_id(pk))
        today = selectors.local(timezone.now()).date()
        monday = week_start(request.query_params.get("tydzien"), today)
        if monday is None:
            raise serializers.ValidationError({"tydzien": [_("Give a date, e.g. 2026-12-14.")]})
        week = selectors.week(room, monday, selectors.rules(room.centre))
        return Response(WeekSerializer(_week_data(room, week)).data)


class BookingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = [
            "id",
            "room",
            "starts_at",
            "ends_at",
            "state",
            "user_kind",
            "purpose",
            "people",
            "decline_reason",
        ]
        read_only_fields = ["id", "state", "decline_reason"]


class BookingRequestSerializer(serializers.Serializer):
    room = serializers.IntegerField(min_value=0)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    purpose = serializers.CharField(max_length=300)
    people = serializers.IntegerField(min_value=1, max_value=10000)
    user_kind = serializers.ChoiceField(
        choices=[
            Booking.UserKind.RESIDENT,
            Booking.UserKind.NGO,
            Booking.UserKind.TOWN,
        ]
    )


@extend_schema_view(
    list=extend_schema(
        summary="Your room bookings",
        description="The signed-in person's own booking requests, newest first.",
    ),
    create=extend_schema(
        summary="Ask for a room",
        description="Ask for a room for a time, as the site's form does (same rules: a "
        "verified resident or a confirmed organisation, the centre's opening hours, closed "
        "days, how far ahead, the longest booking, open requests per person, no overlap).",
        request=BookingRequestSerializer,
        responses={201: BookingSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Cancel your booking",
        description="Cancel your own request, waiting or confirmed, before it starts, as the "
        "site's “My bookings” does. The booking stays in your list as cancelled; someone "
        "else's booking is not found (404).",
        responses={
            200: BookingSerializer,
            **{code: WRITE_ERRORS[code] for code in (401, 404)},
            409: error_response(
                "The booking cannot be cancelled any more: it was declined or cancelled, or "
                "it has started (`state`, `past`)."
            ),
        },
    ),
)
class BookingRequestViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Booking.objects.none()
    serializer_class = BookingSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX
    # Refusals that say the booking's state forbids it, not the person: 409 Conflict.
    conflicts = ("state", "past")

    def get_queryset(self):
        return Booking.objects.filter(requested_by=self.request.user).order_by("-created_at", "-pk")

    def create(self, request, *args, **kwargs):
        data = BookingRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        room = Room.objects.filter(pk=parse_id(values.pop("room")), centre__live=True).first()
        if room is None:
            raise serializers.ValidationError({"room": [_("There is no such room.")]})
        booking = services.booking_request(room=room, user=request.user, **values)
        return Response(BookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        booking = get_object_or_404(self.get_queryset(), pk=parse_id(kwargs["pk"]))
        try:
            booking = services.booking_cancel(booking=booking, user=request.user)
        except NotAllowed as refusal:
            if refusal.code not in self.conflicts:
                raise
            body = error_body(refusal.code, refusal.message)
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(BookingSerializer(booking).data)
