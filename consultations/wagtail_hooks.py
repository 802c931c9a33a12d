from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

import consultations.survey_hooks  # noqa: F401  (registers the survey hooks)
from consultations import admin_views, selectors
from consultations.models import ConsultationPage


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions):
    actions.register_action(
        "mam.phase.close_early", _("Close phase early"), _("Phase closed before its planned end")
    )
    actions.register_action(
        "mam.results.publish", _("Publish results"), _("Votes counted and results published")
    )


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [
        path(
            "consultations/<int:page_id>/close-phase/",
            admin_views.close_phase,
            name="consultations_close_phase",
        )
    ]


@hooks.register("register_page_header_buttons")
def close_phase_button(page, user, view_name, next_url=None):
    """Offer "Close phase now" on a consultation while one of its phases runs."""
    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    if not page.permissions_for_user(user).can_publish():
        return
    if selectors.current_phase(page.specific_deferred) is None:
        return
    yield Button(
        _("Close phase now"),
        reverse("consultations_close_phase", args=[page.pk]),
        icon_name="time",
        priority=80,
    )
