"""Staff screens of consultations in the Wagtail admin, and the base of every consultation
screen of the apps above (voting, outcomes, surveys): close the running phase now."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from consultations import selectors, services
from consultations.models import ConsultationPage


class AdminView(WagtailAdminTemplateMixin, View):
    """A Wagtail admin screen that loads what it acts on once the method is known to be served.

    A method the view does not serve is answered 405 before any check, as `require_POST` did;
    `prepare()` then refuses (403) or does not find (404) before the handler runs.
    """

    def dispatch(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            return self.http_method_not_allowed(request, *args, **kwargs)
        refusal = self.prepare(**kwargs)
        if refusal is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)

    def prepare(self, **kwargs):
        """Load what the view acts on, raising PermissionDenied or Http404 (or returning the
        response that refuses, such as Wagtail's `permission_denied`)."""

    def render(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)


class ClosePhaseView(AdminView):
    """Show what will be closed (GET); close it (POST). Needs publish rights on the page."""

    template_name = "consultations/admin/close_phase.html"

    def prepare(self, *, page_id: int):
        self.page = get_object_or_404(ConsultationPage, pk=page_id)
        if not self.page.permissions_for_user(self.request.user).can_publish():
            raise PermissionDenied
        self.edit_url = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        self.phase = selectors.current_phase(self.page)

    def get(self, request, page_id: int):
        if self.phase is None:
            return self.nothing_running()
        return self.render(
            page=self.page, phase=self.phase, edit_url=self.edit_url, header_title=self.page.title
        )

    def post(self, request, page_id: int):
        if self.phase is None:
            return self.nothing_running()
        try:
            services.close_phase_early(phase=self.phase, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            kind = self.phase.get_kind_display()
            messages.success(request, _("The phase “%(phase)s” is closed.") % {"phase": kind})
        return redirect(self.edit_url)

    def nothing_running(self):
        messages.warning(self.request, _("No phase of this consultation is running now."))
        return redirect(self.edit_url)
