"""Staff action in the Wagtail admin: close the running phase of a consultation now."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from consultations import selectors, services
from consultations.models import ConsultationPage


def close_phase(request, page_id: int):
    """Show what will be closed (GET); close it (POST). Needs publish rights on the page."""
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    phase = selectors.current_phase(page)
    if phase is None:
        messages.warning(request, _("No phase of this consultation is running now."))
        return redirect(edit_url)
    if request.method == "POST":
        try:
            services.close_phase_early(phase=phase, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The phase “%(phase)s” is closed.") % {"phase": phase.get_kind_display()},
            )
        return redirect(edit_url)
    return TemplateResponse(
        request,
        "consultations/admin/close_phase.html",
        {"page": page, "phase": phase, "edit_url": edit_url, "header_title": page.title},
    )
