from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from accounts.admin import waiting
from accounts.admin.codes import CodeBatchViewSet
from accounts.admin.declarations import DeclarationViewSet
from accounts.admin.moderation import ModerationViewSet
from accounts.admin.organisations import OrganisationViewSet
from accounts.admin.verifications import VerificationViewSet
from accounts.roles import centre_groups_ensure
from home.models import CentrePage

LOG_ACTIONS = [
    ("mam.verification.grant", _("Verify resident"), _("Verified as a resident")),
    ("mam.verification.revoke", _("Revoke verification"), _("Residency verification revoked")),
    ("mam.declaration.reject", _("Reject declaration"), _("Residency declaration rejected")),
    ("mam.codes.create", _("Create codes"), _("Verification codes created")),
    ("mam.organisation.confirm", _("Confirm organisation"), _("Organisation confirmed")),
    ("mam.moderation.hide", _("Hide"), _("Hidden by a moderator")),
    ("mam.moderation.restore", _("Restore"), _("Restored by a moderator")),
    ("mam.moderation.dismiss", _("Dismiss reports"), _("Reports dismissed")),
    ("mam.user.warn", _("Warn user"), _("User warned")),
    ("mam.user.block", _("Block user"), _("User blocked")),
    ("mam.user.unblock", _("Unblock user"), _("User unblocked")),
    ("mam.user.delete", _("Delete account"), _("Account deleted by its owner")),
]

# Permissions without a viewset of their own; each viewset registers its model's permissions.
MODERATION_PERMISSIONS = ["view_report", "change_report", "add_userwarning", "block_user"]


@hooks.register("after_create_page")
def create_centre_role_groups(request, page):
    """A new centre gets its moderator, official and editor groups straight away."""
    if isinstance(page.specific, CentrePage):
        centre_groups_ensure(page.specific)


@hooks.register("register_log_actions")
def register_mam_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class ResidentsMenuGroup(ViewSetGroup):
    """One "Residents" menu; each item shows only to staff holding its permission."""

    menu_label = _("Residents")
    menu_name = "residents"
    menu_icon = "group"
    menu_order = 250
    items = (
        ModerationViewSet,
        DeclarationViewSet,
        VerificationViewSet,
        CodeBatchViewSet,
        OrganisationViewSet,
    )


@hooks.register("register_admin_viewset")
def register_residents_admin():
    return ResidentsMenuGroup()


@hooks.register("register_permissions")
def register_moderation_permissions():
    return Permission.objects.filter(
        content_type__app_label="accounts", codename__in=MODERATION_PERMISSIONS
    )


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    """What the user's centres wait for them to decide, for staff who decide anything."""
    items = waiting.waiting_for(request.user)
    if items:
        panels.append(waiting.WaitingPanel(items))
