from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

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


class PhaseViewSet(ViewSet):
    """Closing a consultation's running phase before its planned end."""

    name = "consultations_phase"
    url_prefix = "consultations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:page_id>/close-phase/", admin_views.ClosePhaseView.as_view(), name="close"),
        ]


@hooks.register("register_admin_viewset")
def register_phase_viewset():
    return PhaseViewSet()


def _close_phase_shown(user, consultation, page) -> bool:
    return (
        page.permissions_for_user(user).can_publish()
        and selectors.current_phase(consultation) is not None
    )


# In the order the buttons are offered; each rule runs its cheap checks before its queries.
CONSULTATION_BUTTONS = (
    ConsultationButton(  # while one of its phases runs, to whoever may publish the page
        label=_("Close phase now"),
        url_name="consultations_phase:close",
        icon="time",
        priority=80,
        shown=_close_phase_shown,
    ),
)


@hooks.register("register_page_header_buttons")
def consultation_buttons(page, user, view_name, next_url=None):
    """Offer, in list order, each consultation button whose rule lets this user see it."""
    yield from offer_buttons(CONSULTATION_BUTTONS, page, user)
