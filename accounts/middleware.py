"""Administrators must use a second factor (allauth's TOTP) before they may use the admin."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class AdminMFARequiredMiddleware:
    """With MAM_REQUIRE_ADMIN_MFA on, superusers without MFA are sent to set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _("Administrators must use two-factor authentication. Set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request) -> bool:
        if not getattr(settings, "MAM_REQUIRE_ADMIN_MFA", False):
            return False
        user = request.user
        if not (user.is_authenticated and user.is_superuser):
            return False
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        return not is_mfa_enabled(user)
