"""Finding a reported contribution and checking the moderator may act on it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext

from accounts.models import Moderatable
from accounts.roles import staff_centres

QUEUE = "accounts.change_report"
BLOCK = "accounts.block_user"


def preview(target, length=120) -> str:
    if target is None:
        return gettext("(this contribution no longer exists)")
    return Truncator(str(target)).chars(length)


def public_url(target) -> str:
    get_url = getattr(target, "get_absolute_url", None)
    return get_url() if callable(get_url) else ""


def detail_url(content_type_id, object_id) -> str:
    return reverse("mam_moderation:detail", args=[content_type_id, object_id])


def report_scope(user, centres) -> Q:
    """Reports whose centre is one of `centres`; administrators also see centre-less ones."""
    scope = Q(centre__in=centres)
    return scope | Q(centre__isnull=True) if user.is_superuser else scope


def moderation_target(user, content_type_id, object_id, permission) -> Moderatable:
    """The contribution, if `user` holds `permission` for its centre; Http404 otherwise."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model is None or not issubclass(model, Moderatable):
        raise Http404
    target = get_object_or_404(model._base_manager.all(), pk=object_id)
    if not holds_for(user, permission, target):
        raise Http404
    return target


def holds_for(user, permission, target) -> bool:
    """Whether `user` holds `permission` for the centre the contribution belongs to."""
    if user.is_superuser:
        return True
    centre = target.moderation_centre
    if centre is None:
        return False
    return staff_centres(user, permission).filter(pk=centre.pk).exists()
