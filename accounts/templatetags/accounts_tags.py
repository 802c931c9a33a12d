"""Template tags other apps use beside residents' contributions."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accounts.views.common import with_next

register = template.Library()


@register.inclusion_tag("accounts/includes/report_link.html", takes_context=True)
def report_link(context, obj, label=""):
    """A link to report `obj` to the moderators, back to this page afterwards.

    `label` completes the link's accessible name ("Report – comment by Ola"); it
    defaults to the kind of content. Nothing shows for the author or hidden content.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    author_id = getattr(obj, "author_id", None)  # no query per item where the field exists
    if author_id is None:
        author_id = getattr(obj, "moderation_author_id", None)
    if author_id is None:
        author_id = getattr(obj.moderation_author, "pk", None)
    is_own = bool(user and user.is_authenticated and author_id == user.pk)
    if obj.is_hidden or is_own:
        return {"url": ""}
    content_type = ContentType.objects.get_for_model(obj)  # cached after the first call
    url = reverse("accounts:report", args=[content_type.pk, obj.pk])
    return {
        "url": with_next(url, request.get_full_path() if request else None),
        "label": label or obj._meta.verbose_name,
    }
