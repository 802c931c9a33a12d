"""Staff must use a second factor (allauth's TOTP) before they may use the admin."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class AdminMFARequiredMiddleware:
    """With MAM_REQUIRE_ADMIN_MFA on, anyone who may use the admin (administrators, officials,
    moderators, editors: they all see personal data) is sent to set up MFA first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request,
                _("Staff must use two-factor authentication. Set it up to continue."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request) -> bool:
        if not getattr(settings, "MAM_REQUIRE_ADMIN_MFA", False):
            return False
        user = request.user
        if not user.is_authenticated:
            return False
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        if not (user.is_superuser or user.has_perm("wagtailadmin.access_admin")):
            return False
        return not is_mfa_enabled(user)
