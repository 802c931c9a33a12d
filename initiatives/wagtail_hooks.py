"""Initiatives in Wagtail's admin: the scoped listing with the review queue, log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from initiatives.admin import InitiativeAdminViewSet
from initiatives.models import Initiative, Petition
from initiatives.petition_admin import PETITION_LOG_ACTIONS, PetitionAdminViewSet

# A petition belongs to its initiative: the centre's organisers manage it with their
# initiatives' permissions (no separate petition permissions to grant).
register_permission_policy(Petition, ModelPermissionPolicy(Initiative), exact_class=True)

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
