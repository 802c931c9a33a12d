"""An initiative's photos through the API: read them; the coordinator and the centre's
organisers add one (multipart upload), change what one shows, or remove one, each through the
site's edit service (checked by content, stripped of EXIF and GPS data, three at most, dated in
the action log)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import ngettext
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings

from config.api_common import WRITE_ERRORS, ScopedUploadThrottle, error_response
from home.ids import ID_REGEX, parse_id
from home.links import absolute_url
from initiatives.api_edit import FIELDS
from initiatives.models import Initiative, InitiativePhoto
from initiatives.models.initiative import ALT_TEXT_MAX
from initiatives.services import editing

PHOTO_ERRORS = {
    **WRITE_ERRORS,
    400: error_response(
        "The photo or its text breaks a rule: not JPEG, PNG or WebP, over 8 MB, a fourth "
        "photo, or no text saying what it shows."
    ),
}


class PhotoUploadThrottle(ScopedUploadThrottle):
    """Photo uploads per person (`API_THROTTLE_PHOTO_UPLOAD`), on top of the general limits."""

    scope = "photo_upload"

    def refusal(self, minutes: int) -> str:
        return ngettext(
            "You have sent too many photos in a short time. Try again in %(minutes)s minute.",
            "You have sent too many photos in a short time. Try again in %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}


class InitiativePhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = InitiativePhoto
        fields = ["id", "url", "alt_text", "position"]

    def get_url(self, photo) -> str:
        return absolute_url(photo.image.url)


class InitiativePhotoUploadSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="JPEG, PNG or WebP, at most 8 MB.")
    alt_text = serializers.CharField(
        max_length=ALT_TEXT_MAX, help_text="What the photo shows, read aloud to those who cannot."
    )


class InitiativePhotoAltSerializer(serializers.Serializer):
    alt_text = serializers.CharField(max_length=ALT_TEXT_MAX)


def _editable(request, pk) -> Initiative:
    """The initiative a person may see (404 otherwise); the service says who may edit it."""
    initiative = get_object_or_404(Initiative, pk=parse_id(pk) or 0)
    if not initiative.is_public and not editing.may_edit(request.user, initiative):
        raise Http404
    return initiative


def _edit(request, initiative: Initiative, *, field: str, **photos) -> None:
    """The edit service with the initiative's text as it is and only the photos changing; its
    errors about the photo under `field`, the name the request used."""
    values = {name: getattr(initiative, name) for name in FIELDS}
    try:
        editing.initiative_edit(initiative=initiative, user=request.user, **values, **photos)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise ValidationError({field: error.messages}) from None
        raise ValidationError(
            {
                field if name.startswith("photo") else name: m
                for name, m in error.message_dict.items()
            }
        ) from None


def _photos(initiative: Initiative, *, code=status.HTTP_200_OK) -> Response:
    rows = InitiativePhoto.objects.filter(initiative=initiative).order_by("position", "pk")
    return Response(InitiativePhotoSerializer(rows, many=True).data, status=code)


class InitiativePhotosMixin:
    """/initiatives/<id>/photos/ and /initiatives/<id>/photos/<photo id>/."""

    @extend_schema(
        methods=["GET"],
        summary="An initiative's photos",
        description="In their order on the page (a waiting initiative's to its editors only).",
        responses={
            200: InitiativePhotoSerializer(many=True),
            404: error_response("No such initiative."),
        },
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary="Add a photo to an initiative",
        description="The coordinator or the centre's organiser uploads one photo "
        "(`multipart/form-data`) with what it shows. It is checked by its content, resized "
        "and stored without EXIF or GPS data; an initiative keeps at most 3 photos. Answers "
        "the photos as they are now.",
        request={"multipart/form-data": InitiativePhotoUploadSerializer},
        responses={
            201: InitiativePhotoSerializer(many=True),
            **PHOTO_ERRORS,
            429: error_response("Too many photos sent in a short time: try again later."),
        },
        filters=False,
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filter_backends=[],
        parser_classes=[MultiPartParser, FormParser],
        throttle_classes=[*api_settings.DEFAULT_THROTTLE_CLASSES, PhotoUploadThrottle],
    )
    def photos(self, request, pk=None):
        initiative = _editable(request, pk)
        if request.method == "GET":
            return _photos(initiative)
        data = InitiativePhotoUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data
        _edit(request, initiative, field="image", photos=[(upload["image"], upload["alt_text"])])
        return _photos(initiative, code=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["PATCH"],
        summary="Change what a photo shows",
        description="The coordinator or the centre's organiser rewrites a photo's text "
        "(required). Answers the photos as they are now.",
        request=InitiativePhotoAltSerializer,
        responses={200: InitiativePhotoSerializer(many=True), **PHOTO_ERRORS},
        examples=[
            OpenApiExample("Alt text", value={"alt_text": "Podwórko zimą."}, request_only=True)
        ],
        filters=False,
    )
    @extend_schema(
        methods=["DELETE"],
        summary="Remove a photo",
        description="The coordinator or the centre's organiser removes one photo; the others "
        "keep their order. Answers the photos as they are now.",
        request=None,
        responses={200: InitiativePhotoSerializer(many=True), **WRITE_ERRORS},
        filters=False,
    )
    @action(
        detail=True,
        methods=["patch", "delete"],
        filter_backends=[],
        parser_classes=[JSONParser, FormParser, MultiPartParser],
        url_path=rf"photos/(?P<photo_pk>{ID_REGEX})",
    )
    def photo(self, request, pk=None, photo_pk=None):
        initiative = _editable(request, pk)
        photo = get_object_or_404(
            InitiativePhoto, pk=parse_id(photo_pk) or 0, initiative=initiative
        )
        if request.method == "DELETE":
            _edit(request, initiative, field="photo", remove_photos=[photo.pk])
        else:
            data = InitiativePhotoAltSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            alt = {photo.pk: data.validated_data["alt_text"]}
            _edit(request, initiative, field="alt_text", alt_texts=alt)
        return _photos(initiative)
