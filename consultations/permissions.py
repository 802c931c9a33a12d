"""Who may do a consultation's staff actions; the admin views and the commands ask here."""

from accounts import roles

OFFICIALS_PERMISSION = "proposals.change_proposal"


def may_publish_results(user, consultation) -> bool:
    """Editors who may publish the consultation's page, and officials of its centre."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if consultation.permissions_for_user(user).can_publish():
        return True
    centre = consultation.centre
    return centre is not None and roles.is_staff_for(user, OFFICIALS_PERMISSION, centre)
