from django.utils.translation import gettext_lazy as _
from wagtail import hooks

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


@hooks.register("register_log_actions")
def register_mam_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
