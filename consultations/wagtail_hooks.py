from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

import consultations.survey_hooks  # noqa: F401  (registers the survey hooks)
from accounts.roles import is_staff_for
from consultations import admin_paper, admin_results, admin_views, selectors
from consultations.exports import services as export_services
from consultations.exports import views as export_views
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
    actions.register_action("mam.paper.enter", _("Enter paper ballot"), _("Paper ballot entered"))
    actions.register_action(
        "mam.paper.correct", _("Correct paper ballot"), _("Paper ballot corrected")
    )
    actions.register_action(
        "mam.paper.double_vote",
        _("Settle double vote"),
        _("Voted both online and on paper: settled by the consultation's rule"),
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
            "consultations/<int:page_id>/close-phase/",
            admin_views.close_phase,
            name="consultations_close_phase",
        ),
        *PAPER_URLS,
        *export_views.admin_urls(),
    ]


PAPER_URLS = [
    path("paper-ballots/", admin_paper.consultations_index, name="consultations_paper_index"),
    path(
        "consultations/<int:page_id>/paper-ballots/new/",
        admin_paper.enter_ballot,
        name="consultations_paper_enter",
    ),
    path(
        "consultations/<int:page_id>/paper-ballots/",
        admin_paper.ballot_list,
        name="consultations_paper_ballots",
    ),
    path(
        "consultations/<int:page_id>/paper-ballots/<uuid:ballot_id>/",
        admin_paper.ballot_detail,
        name="consultations_paper_ballot",
    ),
    path(
        "consultations/<int:page_id>/paper-voters/",
        admin_paper.voter_list,
        name="consultations_paper_voters",
    ),
    path(
        "consultations/<int:page_id>/double-votes/",
        admin_paper.double_vote_report,
        name="consultations_double_votes",
    ),
    path(
        "consultations/<int:page_id>/double-votes/<int:participation_id>/resolve/",
        admin_paper.resolve_double_vote,
        name="consultations_double_vote_resolve",
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


@hooks.register("register_page_header_buttons")
def paper_ballots_button(page, user, view_name, next_url=None):
    """Offer "Paper ballots" on a consultation with a vote, to its centre's staff."""
    specific = page.specific_deferred
    if not isinstance(specific, ConsultationPage) or not specific.voting_method:
        return
    if not user.has_perm(admin_paper.ENTER):
        return
    if not is_staff_for(user, admin_paper.ENTER, specific.centre):
        return
    yield Button(
        _("Paper ballots"),
        reverse("consultations_paper_enter", args=[page.pk]),
        icon_name="form",
        priority=85,
    )


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


@hooks.register("register_admin_urls")
def register_council_report_urls():
    from consultations import admin_report

    return [
        path(
            "consultations/<int:page_id>/report/",
            admin_report.report_html,
            name="consultations_report",
        ),
        path(
            "consultations/<int:page_id>/report/pdf/",
            admin_report.report_pdf,
            name="consultations_report_pdf",
        ),
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


@hooks.register("register_page_header_buttons")
def council_report_button(page, user, view_name, next_url=None):
    """Offer "Council report" on a consultation to its centre's officials and editors."""
    from consultations.admin_report import may_see_report

    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    if not may_see_report(user, page.specific_deferred):
        return
    yield Button(
        _("Council report"),
        reverse("consultations_report", args=[page.pk]),
        icon_name="doc-full",
        priority=90,
    )


@hooks.register("register_page_header_buttons")
def exports_button(page, user, view_name, next_url=None):
    """Offer "Exports" on a consultation to the officials of its centre."""
    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    if not export_services.may_export(user, page.specific_deferred):
        return
    yield Button(
        _("Exports"),
        reverse("consultations_exports", args=[page.pk]),
        icon_name="download",
        priority=90,
    )
