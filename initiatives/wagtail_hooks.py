"""Initiatives in Wagtail's admin: the scoped listing with the review queue, log actions."""

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from initiatives import (
    admin_waiting,  # noqa: F401 - registers its dashboard count
    organising,  # noqa: F401 - tells events who runs an initiative's meetings
    participation,  # noqa: F401 - registers the person's own sections
    versions,
)
from initiatives.admin import InitiativeAdminViewSet
from initiatives.history import CHANGED_LABELS, EDIT_ACTION
from initiatives.local_admin import LocalApplicationAdminViewSet, OrganiserPolicy
from initiatives.models import Initiative, LocalInitiativeApplication, Petition
from initiatives.petition_admin import PETITION_LOG_ACTIONS, PetitionAdminViewSet
from initiatives.services.coordination import LOG_ACTIONS as COORDINATION_LOG_ACTIONS

# A petition belongs to its initiative: the centre's organisers manage it with their
# initiatives' permissions (no separate petition permissions to grant).
register_permission_policy(Petition, ModelPermissionPolicy(Initiative), exact_class=True)

LOG_ACTIONS = [
    ("mam.initiative.approve", _("Publish"), _("Initiative published by the organiser")),
    ("mam.initiative.decline", _("Decline"), _("Initiative declined by the organiser")),
    (
        "mam.local_initiative.evaluate",
        _("Evaluate"),
        _("The town's evaluation of a local initiative recorded"),
    ),
    (
        "mam.local_initiative.decide",
        _("Decide"),
        _("The town's decision on a local initiative recorded"),
    ),
    (
        "mam.local_initiative.terms",
        _("The town's rules"),
        _("The town's rules for local initiatives changed"),
    ),
    *PETITION_LOG_ACTIONS,
    *COORDINATION_LOG_ACTIONS,
]


class InitiativeEditFormatter(LogFormatter):
    """An edit in the admin's history: what changed, and the earlier values as its comment."""

    label = _("Edit")

    def format_message(self, log_entry):
        changed = (log_entry.data or {}).get("changed", [])
        words = dict.fromkeys(str(CHANGED_LABELS.get(name, name)) for name in changed)
        return _("Initiative edited: %(changed)s") % {"changed": ", ".join(words)}

    def format_comment(self, log_entry):
        before = (log_entry.data or {}).get("before", {})
        return " · ".join(
            f"{CHANGED_LABELS.get(name, name)} ({_('before')}): {value}"
            for name, value in before.items()
        )


@hooks.register("register_log_actions")
def register_initiative_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
    actions.register_action(EDIT_ACTION)(InitiativeEditFormatter)


@hooks.register("register_admin_viewset")
def register_initiatives_admin():
    return InitiativeAdminViewSet()


# Organisers see and answer applications with their rights on initiatives (no new permissions).
register_permission_policy(LocalInitiativeApplication, OrganiserPolicy(LocalInitiativeApplication))


@hooks.register("register_admin_viewset")
def register_local_initiatives_admin():
    return LocalApplicationAdminViewSet()


@hooks.register("mam_proposal_sections")
def initiatives_on_proposal_page(request, proposal, consultation):
    """The initiatives a proposal became or that started from it, on the proposal's page.

    Read from the cache under the initiatives' links version (bumped on commit by every
    initiative change), so the proposal page spends no query on it once the links are known.
    """
    key = f"mam:proposal-initiatives:{proposal.pk}:{cache.get(versions.LINKS_KEY, 0)}"
    section = cache.get(key)
    if section is None:
        section = _linked_initiatives(proposal)
        cache.set(key, section, timeout=24 * 3600)
    return section or None


def _linked_initiatives(proposal) -> dict:
    linked = list(
        Initiative.objects.public()
        .filter(Q(origin_proposal=proposal) | Q(proposal=proposal))
        .select_related("index")
        .order_by("created_at", "pk")
    )
    if not linked:
        return {}

    def shown(initiative) -> dict:
        return {
            "title": initiative.title,
            "url": initiative.get_absolute_url(),
            "state": initiative.get_state_display(),
        }

    return {
        "template": "initiatives/includes/proposal_initiatives.html",
        "from_proposal": [shown(i) for i in linked if i.origin_proposal_id == proposal.pk],
        "became_proposal": [shown(i) for i in linked if i.proposal_id == proposal.pk],
    }


@hooks.register("register_admin_viewset")
def register_petitions_admin():
    return PetitionAdminViewSet()
