from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

import consultations.survey_hooks  # noqa: F401  (registers the survey hooks)
from accounts.roles import is_staff_for
from consultations import (
    admin_dashboard,
    admin_paper,
    admin_protocol,
    admin_report,
    admin_results,
    admin_tie,
    admin_views,
    selectors,
)
from consultations.exports import services as export_services
from consultations.exports import views as export_views
from consultations.models import ConsultationPage
from consultations.permissions import may_publish_results
from consultations.services import results


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
    actions.register_action(
        "mam.results.publish", _("Publish results"), _("Votes counted and results published")
    )
    actions.register_action(
        "mam.results.tie_draw", _("Record a draw by lot"), _("Protocol of a draw by lot recorded")
    )
    actions.register_action("mam.paper.enter", _("Enter paper ballot"), _("Paper ballot entered"))
    actions.register_action(
        "mam.paper.correct", _("Correct paper ballot"), _("Paper ballot corrected")
    )
    actions.register_action(
        "mam.paper.double_vote",
        _("Settle double vote"),
        _("Voted both online and on paper: settled by the consultation's rule"),
    )
    actions.register_action(
        "mam.paper.confirm", _("Confirm paper ballot"), _("Paper ballot typed again and confirmed")
    )
    actions.register_action(
        "mam.paper.mismatch",
        _("Paper ballot typed differently"),
        _("Paper ballot typed again with different marks: to be resolved"),
    )
    actions.register_action(
        "mam.paper.resolve",
        _("Resolve paper ballot"),
        _("Paper ballot typed differently before: confirmed when two people agreed"),
    )
    actions.register_action(
        "mam.paper.protocol",
        _("Enter commission protocol"),
        _("Voting commission protocol entered"),
    )
    actions.register_action(
        "mam.paper.protocol_explain",
        _("Explain protocol differences"),
        _("Differences between the protocol and the entered cards explained"),
    )
    actions.register_action("mam.export", _("Export"), _("Data exported"))
    actions.register_action(
        "mam.export.contact_data",
        _("Export with contact data"),
        _("Data exported with the contact data of consenting authors"),
    )


@hooks.register("register_admin_urls")
def register_consultation_admin_urls():
    return [
        path(
            "consultations/<id:page_id>/close-phase/",
            admin_views.close_phase,
            name="consultations_close_phase",
        ),
        path("paper-ballots/", admin_paper.consultations_index, name="consultations_paper_index"),
        path(
            "consultations/<id:page_id>/paper-ballots/new/",
            admin_paper.enter_ballot,
            name="consultations_paper_enter",
        ),
        path(
            "consultations/<id:page_id>/paper-ballots/",
            admin_paper.ballot_list,
            name="consultations_paper_ballots",
        ),
        path(
            "consultations/<id:page_id>/paper-ballots/<uuid:ballot_id>/",
            admin_paper.ballot_detail,
            name="consultations_paper_ballot",
        ),
        path(
            "consultations/<id:page_id>/paper-ballots/confirm/",
            admin_protocol.confirm_ballot,
            name="consultations_paper_confirm",
        ),
        path(
            "consultations/<id:page_id>/paper-ballots/to-confirm/",
            admin_protocol.unconfirmed_list,
            name="consultations_paper_unconfirmed",
        ),
        path(
            "consultations/<id:page_id>/paper-protocol/",
            admin_protocol.protocol_view,
            name="consultations_paper_protocol",
        ),
        path(
            "consultations/<id:page_id>/paper-documents/",
            admin_protocol.documents,
            name="consultations_paper_documents",
        ),
        path(
            "consultations/<id:page_id>/paper-documents/<slug:kind>.pdf",
            admin_protocol.document_pdf,
            name="consultations_paper_document",
        ),
        path(
            "consultations/<id:page_id>/paper-voters/",
            admin_paper.voter_list,
            name="consultations_paper_voters",
        ),
        path(
            "consultations/<id:page_id>/double-votes/",
            admin_paper.double_vote_report,
            name="consultations_double_votes",
        ),
        path(
            "consultations/<id:page_id>/double-votes/<id:participation_id>/resolve/",
            admin_paper.resolve_double_vote,
            name="consultations_double_vote_resolve",
        ),
        *export_views.admin_urls(),
        path(
            "consultations/<id:page_id>/publish-results/",
            admin_results.publish_results_view,
            name="consultations_publish_results",
        ),
        path(
            "consultations/<id:page_id>/draws/",
            admin_tie.tie_draws_view,
            name="consultations_tie_draws",
        ),
        path(
            "consultations/<id:page_id>/report/",
            admin_report.report_html,
            name="consultations_report",
        ),
        path(
            "consultations/<id:page_id>/report/pdf/",
            admin_report.report_pdf,
            name="consultations_report_pdf",
        ),
    ]


class PaperBallotsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_paper.VIEW_BALLOTS)


@hooks.register("register_admin_menu_item")
def register_paper_ballots_menu_item():
    return PaperBallotsMenuItem(
        _("Paper ballots"),
        reverse("consultations_paper_index"),
        name="paper-ballots",
        icon_name="form",
        order=260,
    )


@hooks.register("register_permissions")
def register_paper_ballot_permissions():
    return Permission.objects.filter(
        content_type__app_label="consultations",
        codename__in=["view_ballot", "add_ballot", "change_ballot"]
        + ["view_participation", "change_participation"],
    )


def _paper_ballots_shown(user, consultation, page) -> bool:
    return (
        bool(consultation.voting_method)
        and user.has_perm(admin_paper.ENTER)
        and is_staff_for(user, admin_paper.ENTER, consultation.centre)
    )


def _paper_documents_shown(user, consultation, page) -> bool:
    return user.has_perm(admin_paper.VIEW_BALLOTS) and is_staff_for(
        user, admin_paper.VIEW_BALLOTS, consultation.centre
    )


def _close_phase_shown(user, consultation, page) -> bool:
    return (
        page.permissions_for_user(user).can_publish()
        and selectors.current_phase(consultation) is not None
    )


def _publish_results_shown(user, consultation, page) -> bool:
    return (
        bool(consultation.voting_method)
        and may_publish_results(user, consultation)
        and results.voting_over(consultation)
        and not results.published_result(consultation)
    )


def _tie_draws_shown(user, consultation, page) -> bool:
    return consultation.tie_rule == "lot" and _publish_results_shown(user, consultation, page)


def _council_report_shown(user, consultation, page) -> bool:
    return admin_report.may_see_report(user, consultation)


def _exports_shown(user, consultation, page) -> bool:
    return export_services.may_export(user, consultation)


@dataclass(frozen=True, kw_only=True)
class ConsultationButton:
    """A page header button on a consultation, offered when `shown(user, consultation, page)`."""

    label: str
    url_name: str
    icon: str
    priority: int
    shown: Callable[[Any, ConsultationPage, Page], bool]


# In the order the buttons are offered; each rule runs its cheap checks before its queries.
CONSULTATION_BUTTONS = (
    ConsultationButton(  # on a consultation with a vote, to its centre's staff
        label=_("Paper ballots"),
        url_name="consultations_paper_enter",
        icon="form",
        priority=85,
        shown=_paper_ballots_shown,
    ),
    ConsultationButton(  # the printable ballot card, forms and protocol, to its centre's staff
        label=_("Paper documents (PDF)"),
        url_name="consultations_paper_documents",
        icon="doc-full",
        priority=86,
        shown=_paper_documents_shown,
    ),
    ConsultationButton(  # while one of its phases runs, to whoever may publish the page
        label=_("Close phase now"),
        url_name="consultations_close_phase",
        icon="time",
        priority=80,
        shown=_close_phase_shown,
    ),
    ConsultationButton(  # once voting closed, until the results are published
        label=_("Count the votes and publish the results"),
        url_name="consultations_publish_results",
        icon="tasks",
        priority=81,
        shown=_publish_results_shown,
    ),
    ConsultationButton(  # ties drawn by lot: until the results are published
        label=_("Draws by lot"),
        url_name="consultations_tie_draws",
        icon="tasks",
        priority=82,
        shown=_tie_draws_shown,
    ),
    ConsultationButton(  # to its centre's officials and to whoever may edit the page
        label=_("Council report"),
        url_name="consultations_report",
        icon="doc-full",
        priority=90,
        shown=_council_report_shown,
    ),
    ConsultationButton(  # to the officials of its centre
        label=_("Exports"),
        url_name="consultations_exports",
        icon="download",
        priority=90,
        shown=_exports_shown,
    ),
)


@hooks.register("register_page_header_buttons")
def consultation_buttons(page, user, view_name, next_url=None):
    """Offer, in list order, each consultation button whose rule lets this user see it."""
    consultation = page.specific_deferred
    if not isinstance(consultation, ConsultationPage):
        return
    for button in CONSULTATION_BUTTONS:
        if button.shown(user, consultation, page):
            yield Button(
                button.label,
                reverse(button.url_name, args=[page.pk]),
                icon_name=button.icon,
                priority=button.priority,
            )


@hooks.register("construct_homepage_panels")
def add_your_consultations_panel(request, panels):
    """Officials reach their consultations' proposals, exports and report from the dashboard."""
    rows = admin_dashboard.consultation_rows(request.user)
    if rows:
        panels.append(admin_dashboard.YourConsultationsPanel(rows))
