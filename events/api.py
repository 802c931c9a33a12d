"""Activities through the API: their dates with places left and calendar links (read), and a
resident's own sign-ups (read, sign up, cancel) through the same services as the site."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from wagtail.models import Page

from config.api_common import WRITE_ERRORS, ConditionalGetMixin, error_response
from events import recurrence, selectors, services
from events.models import ActivityPage, Audience, Kind, SignUp, with_date_changes
from home import centre_param
from home.ids import ID_REGEX, MAX_ID
from home.links import absolute_url, page_absolute_url
from home.models import CentrePage

MAX_DAYS = 92  # a quarter ahead at most: dates are computed from the repeat rules


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    centre = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    lead = serializers.CharField()
    url = serializers.URLField()
    ical_url = serializers.URLField(help_text="The activity's iCalendar feed (RFC 5545).")
    kind = serializers.ChoiceField(choices=Kind.choices)
    audience = serializers.ChoiceField(choices=Audience.choices)
    organiser = serializers.CharField()
    room = serializers.CharField(
        allow_blank=True, help_text="A room of the centre, if it is there."
    )
    place = serializers.CharField(allow_blank=True, help_text="The room, or where in the centre.")
    address = serializers.CharField(allow_blank=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    price = serializers.DecimalField(
        max_digits=8, decimal_places=2, allow_null=True, help_text="null when it is free."
    )
    places = serializers.IntegerField(
        allow_null=True, help_text="Places per date; null when no sign-up is needed."
    )
    step_free = serializers.BooleanField()
    induction_loop = serializers.BooleanField()
    sign_language = serializers.BooleanField()
    accessibility_notes = serializers.CharField(allow_blank=True)


class DateSerializer(serializers.Serializer):
    activity = ActivitySerializer()
    date = serializers.DateField(help_text="The date as planned (the key for signing up).")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    moved = serializers.BooleanField()
    cancelled = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)
    places = serializers.IntegerField(
        allow_null=True,
        help_text="The places of this date: a moved date's own number (e.g. in a smaller "
        "room), else the activity's; null when no sign-up is needed.",
    )
    room = serializers.CharField(
        allow_blank=True,
        help_text="The room of the centre this date is in: a moved date's own room, else the "
        "activity's; empty when it is not in one of the centre's rooms.",
    )
    room_id = serializers.IntegerField(
        allow_null=True, help_text="That room's id (`/api/v1/rooms/{id}/week/`); null if none."
    )
    places_left = serializers.IntegerField(allow_null=True)
    waiting = serializers.IntegerField()
    signup_open = serializers.BooleanField()


class ActivitySignUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity = serializers.IntegerField()
    activity_title = serializers.CharField()
    date = serializers.DateField()
    starts_at = serializers.DateTimeField(allow_null=True)
    state = serializers.ChoiceField(choices=SignUp.State.choices)


class SignUpInputSerializer(serializers.Serializer):
    activity = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    date = serializers.DateField(help_text="A date of the activity as planned (YYYY-MM-DD).")


def _activity(page: ActivityPage, centre_ids: dict) -> dict:
    return {
        "id": page.pk,
        "centre": centre_ids.get(page.pk),
        "title": page.title,
        "lead": page.lead,
        "url": page_absolute_url(page),
        "ical_url": absolute_url(page.url + page.reverse_subpage("ical")),
        "kind": page.kind,
        "audience": page.audience,
        "organiser": page.organiser_name or page.get_organiser_display(),
        "room": page.room.name if page.room_id else "",
        "place": page.where_in_centre,
        "address": page.address,
        "latitude": page.latitude,
        "longitude": page.longitude,
        "price": page.price or None,
        "places": page.places,
        "step_free": page.step_free,
        "induction_loop": page.induction_loop,
        "sign_language": page.sign_language,
        "accessibility_notes": page.accessibility_notes,
    }


def _centres_of(pages, centres) -> dict:
    """Each activity's centre from the centres' paths: no query per activity."""
    found = {}
    for page in pages:
        for centre in centres:
            if page.path.startswith(centre.path):
                found[page.pk] = centre.pk
    return found


DATE_PARAMETERS = [
    OpenApiParameter(
        "centre", str, description=f"Only this centre's activities. {centre_param.DESCRIPTION}"
    ),
    OpenApiParameter("kind", str, enum=Kind.values, description="Only one kind."),
    OpenApiParameter("audience", str, enum=Audience.values, description="Only one audience."),
    OpenApiParameter("from", datetime.date, description="First day (default: today)."),
    OpenApiParameter("days", int, description=f"How many days ahead (1–{MAX_DAYS}, default 60)."),
]


@extend_schema_view(
    list=extend_schema(
        summary="Dates of activities",
        description="Upcoming dates of the centres' activities, soonest first, with places left "
        "and each activity's calendar feed. Cancelled dates are listed as such.",
        parameters=DATE_PARAMETERS,
        responses={200: DateSerializer(many=True), 400: error_response("A bad parameter.")},
    )
)
class ActivityDateViewSet(ConditionalGetMixin, viewsets.GenericViewSet):
    """`/api/v1/activities/`: every date is computed from the activity's repeat rule, so the
    window is bounded (at most a quarter ahead) and the list is paginated."""

    serializer_class = DateSerializer

    def list(self, request):
        params = request.query_params
        centres = list(CentrePage.objects.live().public().order_by("path"))
        scope = Page.get_first_root_node()
        if params.get("centre"):
            wanted = centre_param.parse_centre(params["centre"])
            centre = next((c for c in centres if centre_param.is_centre(c, wanted)), None)
            if wanted is None or centre is None:
                raise serializers.ValidationError({"centre": [_("There is no such centre.")]})
            scope = centre
        kind, audience = params.get("kind", ""), params.get("audience", "")
        if kind and kind not in Kind.values:
            raise serializers.ValidationError({"kind": [_("There is no such kind.")]})
        if audience and audience not in Audience.values:
            raise serializers.ValidationError({"audience": [_("There is no such audience.")]})
        start, days = self._window(params)
        entries = selectors.upcoming(scope, now=start, days=days, kind=kind, audience=audience)
        page = self.paginate_queryset(entries)
        now = timezone.now()
        owners = _centres_of({e.activity for e in page}, centres)
        rows = [
            {
                "activity": _activity(entry.activity, owners),
                "date": entry.occurrence.key,
                "starts_at": entry.occurrence.starts_at,
                "ends_at": entry.occurrence.ends_at,
                "moved": entry.occurrence.moved,
                "cancelled": entry.occurrence.cancelled,
                "note": entry.occurrence.note,
                "places": entry.occurrence.places,
                "room": entry.occurrence.room.name if entry.occurrence.room else "",
                "room_id": entry.occurrence.room.pk if entry.occurrence.room else None,
                "places_left": entry.places_left,
                "waiting": entry.waiting,
                "signup_open": entry.activity.has_signup
                and not entry.occurrence.cancelled
                and now < services.signup_closes_at(entry.occurrence),
            }
            for entry in page
        ]
        return self.get_paginated_response(DateSerializer(rows, many=True).data)

    @staticmethod
    def _window(params) -> tuple[datetime.datetime, int]:
        errors = {}
        start = timezone.now()
        if params.get("from"):
            try:
                day = datetime.date.fromisoformat(params["from"])
            except ValueError:
                errors["from"] = [_("Give a date as YYYY-MM-DD.")]
            else:
                start = max(
                    start, datetime.datetime.combine(day, datetime.time(), recurrence.WARSAW)
                )
        days = selectors.UPCOMING_DAYS
        if params.get("days"):
            try:
                days = int(params["days"])
            except ValueError:
                days = 0
            if not 1 <= days <= MAX_DAYS:
                errors["days"] = [_("Give a number of days from 1 to %(max)d.") % {"max": MAX_DAYS}]
        if errors:
            raise serializers.ValidationError(errors)
        return start, days


def _signup_row(signup: SignUp) -> dict:
    occurrence = recurrence.occurrence_on(signup.activity, signup.occurrence)
    return {
        "id": signup.pk,
        "activity": signup.activity_id,
        "activity_title": signup.activity.title,
        "date": signup.occurrence,
        "starts_at": occurrence.starts_at if occurrence else None,
        "state": signup.state,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Your sign-ups",
        description="Your sign-ups for activities that are still active (confirmed or waiting).",
        responses={200: ActivitySignUpSerializer(many=True), 401: WRITE_ERRORS[401]},
    ),
    create=extend_schema(
        summary="Sign up for a date",
        description="A place if there is one, else the waiting list (if the activity keeps "
        "one), as on the site; signing up twice returns the first sign-up. An email confirms it.",
        request=SignUpInputSerializer,
        responses={201: ActivitySignUpSerializer, **WRITE_ERRORS},
    ),
    destroy=extend_schema(
        summary="Cancel your sign-up",
        description="The place goes to the first person waiting, who is emailed.",
        responses={200: ActivitySignUpSerializer, **WRITE_ERRORS},
    ),
)
class SignUpViewSet(
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """`/api/v1/signups/`: only the signed-in person's own sign-ups, never anyone else's."""

    permission_classes = [IsAuthenticated]
    serializer_class = ActivitySignUpSerializer
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return (
            SignUp.objects.active()
            .filter(user=self.request.user)
            .select_related("activity")
            .prefetch_related(with_date_changes("activity__"))
            .order_by("occurrence", "pk")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            ActivitySignUpSerializer([_signup_row(s) for s in page], many=True).data
        )

    def create(self, request, *args, **kwargs):
        data = SignUpInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        activity = ActivityPage.objects.live().public().filter(pk=data.validated_data["activity"])
        activity = activity.first()
        if activity is None:
            raise serializers.ValidationError({"activity": [_("There is no such activity.")]})
        day = data.validated_data["date"]
        if not activity.has_signup or recurrence.planned_start(activity, day) is None:
            raise serializers.ValidationError(
                {"date": [_("The activity does not take place on this date.")]}
            )
        signup = services.signup_join(activity=activity, day=day, user=request.user)
        signup.activity = activity
        return Response(
            ActivitySignUpSerializer(_signup_row(signup)).data, status=status.HTTP_201_CREATED
        )

    def destroy(self, request, *args, **kwargs):
        signup = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        services.signup_cancel(signup=signup)
        signup.refresh_from_db()
        return Response(ActivitySignUpSerializer(_signup_row(signup)).data)
