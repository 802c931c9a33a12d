"""Reporting a contribution to the moderators: any model that is Moderatable."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import ratelimit
from accounts.forms_public import ReportForm
from accounts.models import Moderatable
from accounts.permissions import contribution_allowed
from accounts.services.moderation import report_submit
from accounts.views.common import safe_next

REPORT_LIMIT = {"limit": 10, "period": 60 * 60}


def _target(content_type_id, object_id) -> Moderatable:
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not issubclass(model, Moderatable):
        raise Http404("This kind of content cannot be reported.")
    target = get_object_or_404(model._default_manager, pk=object_id)
    if not target.is_reportable:
        raise Http404("Only what everyone can see may be reported.")  # never show hidden text
    return target


@contribution_allowed
def report(request, content_type_id, object_id):
    target = _target(content_type_id, object_id)
    default = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    next_url = safe_next(request, default)
    form = ReportForm(request.POST or None)
    context = {
        "form": form,
        "target": target,
        "kind": target._meta.verbose_name,
        "next": next_url,
    }
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit("report", str(request.user.pk), **REPORT_LIMIT):
            context.update(form=ReportForm(), limited=True)
            return render(request, "accounts/report.html", context, status=429)
        try:
            report_submit(reporter=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you for your report. A moderator will look at it soon.")
            )
            return redirect(next_url)
    return render(request, "accounts/report.html", context)
