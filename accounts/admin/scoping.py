"""Who a staff view lets in and which centres it shows: the permission check and the scope."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.roles import staff_centres
from home.models import CentrePage

OFFICIALS_PERMISSION = "proposals.change_proposal"


class OfficialsPolicy(BasePermissionPolicy):
    """Every action needs the officials' right on proposals; which centre is decided by each
    view's scope."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(OFFICIALS_PERMISSION))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)


class CentreScopedMixin:
    """Refuse users without `permission`; `centres` are the centres they hold it for.

    A missing permission is refused (Wagtail shows "permission denied"); an object of a
    centre outside `centres` is not found, so its existence is not revealed either.
    """

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.prepare()
        return super().dispatch(request, *args, **kwargs)

    def prepare(self):
        """Load what the view acts on, raising Http404 outside the user's centres."""

    @cached_property
    def centres(self):
        return staff_centres(self.request.user, self.permission)


def centre_filter(permission: str):
    """A centre filter offering only the centres where the user holds `permission`."""

    def centres(request):
        if request is None:
            return CentrePage.objects.none()
        return staff_centres(request.user, permission).order_by("title")

    return django_filters.ModelChoiceFilter(label=_("Centre"), queryset=centres)


class StaffViewSet(ViewSet):
    """A group of custom staff views whose menu item shows only to holders of `permission`."""

    permission = ""

    @cached_property
    def menu_item_class(self):
        permission = self.permission

        def is_shown(item, request):
            return request.user.has_perm(permission)

        return type(f"{type(self).__name__}MenuItem", (AdminMenuItem,), {"is_shown": is_shown})
