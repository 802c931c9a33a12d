from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from consultations import admin_results, admin_views, selectors
from consultations.models import ConsultationPage
from consultations.permissions import may_publish_results
from consultations.services import results


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


@hooks.register("register_admin_urls")
def register_results_admin_urls():
    return [
        path(
            "consultations/<int:page_id>/publish-results/",
            admin_results.publish_results_view,
            name="consultations_publish_results",
        )
    ]


@hooks.register("register_page_header_buttons")
def publish_results_button(page, user, view_name, next_url=None):
    """Offer "Count the votes and publish the results" once voting closed, until published."""
    consultation = page.specific_deferred
    if not isinstance(consultation, ConsultationPage) or not consultation.voting_method:
        return
    if not may_publish_results(user, consultation):
        return
    if not results.voting_over(consultation) or results.published_result(consultation):
        return
    yield Button(
        _("Count the votes and publish the results"),
        reverse("consultations_publish_results", args=[page.pk]),
        icon_name="tasks",
        priority=81,
    )
