"""Keep an appeal body's members who are not staff to the admin screens of their appeals."""

from functools import cache

from django.urls import reverse
from wagtail.admin.auth import permission_denied

from review.services import appeal_body_only

# What deciding an appeal needs: the list of appeals, one appeal, its decision, and the
# admin's own frame (the dashboard, one's account, signing out, dismissing a hint).
ALLOWED = frozenset(
    {
        "mam_reviews:appeals",
        "mam_reviews:appeal",
        "mam_reviews:appeal_decide",
        "wagtailadmin_home",
        "wagtailadmin_account",
        "wagtailadmin_logout",
        "wagtailadmin_dismissibles",
        "wagtailadmin_login",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


@cache
def _admin_prefix() -> str:
    """The admin's path, reversed once per process: process_view runs on every request."""
    return reverse("wagtailadmin_home")


class AppealBodyAdminMiddleware:
    """Wagtail lets anyone with admin access open its choosers, its admin API and its
    reports; a member of an appeal body who holds no other right is sent back from every
    admin screen but the appeal ones (review.services.appeal_access)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(_admin_prefix()):
            return None
        if not appeal_body_only(request.user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED:
            return None
        return permission_denied(request)
