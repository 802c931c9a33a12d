"""What every staff view shares: the permission check, the centre scope, action forms.

Gathered here from accounts/admin/scoping.py (who is let in, which centres), action_views.py
(action and decision screens) and listings.py (scoped listings, history, the viewset), so
every staff screen imports them from one place."""

from accounts.admin.action_views import ActionFormView, ConfirmForm, DecisionForm, DecisionView
from accounts.admin.listings import (
    GENERIC_ROUTES,
    ButtonsTitleColumn,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
    not_offered,
)
from accounts.admin.scoping import (
    OFFICIALS_PERMISSION,
    CentreScopedMixin,
    OfficialsPolicy,
    StaffViewSet,
    centre_filter,
)

__all__ = [
    "GENERIC_ROUTES",
    "OFFICIALS_PERMISSION",
    "ActionFormView",
    "ButtonsTitleColumn",
    "CentreScopedMixin",
    "ConfirmForm",
    "DecisionForm",
    "DecisionView",
    "OfficialsPolicy",
    "ScopedHistoryView",
    "ScopedIndexView",
    "StaffListingViewSet",
    "StaffViewSet",
    "centre_filter",
    "not_offered",
]
