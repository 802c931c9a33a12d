"""The pages under a centre's …/inicjatywy/: thin views that call the services.

Each view receives (request, index, ...) from InitiativeIndexPage's routes. Forms post and
redirect back to the initiative; refusals explain themselves (a 403 page or sign-in). The
package re-exports every view and the helpers the local initiative and petition views use.
"""

from initiatives.views.common import (
    START_LIMIT,
    _base,
    _detail_url,
    _initiative,
    _not_allowed,
    linked_activities,
    run_action,
)
from initiatives.views.coordination import initiative_handover, unsubscribe
from initiatives.views.detail import initiative_detail
from initiatives.views.editing import initiative_edit
from initiatives.views.group import (
    action_create,
    activity_choices,
    initiative_end,
    initiative_join,
    need_create,
    need_signup,
    room_request,
    update_create,
)
from initiatives.views.start import initiative_create, initiative_list

__all__ = [
    "START_LIMIT",
    "_base",
    "_detail_url",
    "_initiative",
    "_not_allowed",
    "action_create",
    "activity_choices",
    "initiative_create",
    "initiative_detail",
    "initiative_edit",
    "initiative_end",
    "initiative_handover",
    "initiative_join",
    "initiative_list",
    "linked_activities",
    "need_create",
    "need_signup",
    "room_request",
    "run_action",
    "unsubscribe",
    "update_create",
]
