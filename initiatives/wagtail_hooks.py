"""Initiatives in Wagtail's admin: the scoped listing with the review queue, log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from initiatives.admin import InitiativeAdminViewSet
from initiatives.petition_admin import PETITION_LOG_ACTIONS, PetitionAdminViewSet

LOG_ACTIONS = [
    ("mam.initiative.approve", _("Publish"), _("Initiative published by the organiser")),
    ("mam.initiative.decline", _("Decline"), _("Initiative declined by the organiser")),
    *PETITION_LOG_ACTIONS,
]


@hooks.register("register_log_actions")
def register_initiative_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_initiatives_admin():
    return InitiativeAdminViewSet()


@hooks.register("register_admin_viewset")
def register_petitions_admin():
    return PetitionAdminViewSet()
