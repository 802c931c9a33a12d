from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from consultations import admin_views, selectors
from consultations.admin_buttons import ConsultationButton, offer_buttons


@hooks.register("page_copy_deadline")
def next_phase_boundary(now):
    """Anonymous page copies (home/page_cache.py) lapse when any phase starts or ends: a
    consultation's page, its index and the home and centre pages' "open now" change by date."""
    return selectors.next_phase_boundary(now)


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    actions.register_action(
        "mam.phase.close_early", _("Close phase early"), _("Phase closed before its planned end")
    )


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [
        path(
            "consultations/<id:page_id>/close-phase/",
            admin_views.close_phase,
            name="consultations_close_phase",
        ),
    ]


def _close_phase_shown(user, consultation, page) -> bool:
    return (
        page.permissions_for_user(user).can_publish()
        and selectors.current_phase(consultation) is not None
    )


# In the order the buttons are offered; each rule runs its cheap checks before its queries.
CONSULTATION_BUTTONS = (
    ConsultationButton(  # while one of its phases runs, to whoever may publish the page
        label=_("Close phase now"),
        url_name="consultations_close_phase",
        icon="time",
        priority=80,
        shown=_close_phase_shown,
    ),
)


@hooks.register("register_page_header_buttons")
def consultation_buttons(page, user, view_name, next_url=None):
    """Offer, in list order, each consultation button whose rule lets this user see it."""
    yield from offer_buttons(CONSULTATION_BUTTONS, page, user)
