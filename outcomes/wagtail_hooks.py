from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSet

from consultations.admin_buttons import ConsultationButton, offer_buttons
from outcomes import admin_dashboard, admin_report
from outcomes.exports import services as export_services
from outcomes.exports import views as export_views


@hooks.register("register_log_actions")
def register_outcome_log_actions(actions):
    actions.register_action("mam.export", _("Export"), _("Data exported"))
    actions.register_action(
        "mam.export.contact_data",
        _("Export with contact data"),
        _("Data exported with the contact data of consenting authors"),
    )


class ExportsViewSet(ViewSet):
    """A consultation's exports page, its downloads and the background jobs' pages."""

    name = "outcomes_exports"
    url_prefix = "consultations"

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), *export_views.admin_urls()]


class CouncilReportViewSet(ViewSet):
    """A consultation's council report, as a page and as a PDF."""

    name = "outcomes_report"
    url_prefix = "consultations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<id:page_id>/report/", admin_report.ReportHtmlView.as_view(), name="html"),
            path("<id:page_id>/report/pdf/", admin_report.ReportPdfView.as_view(), name="pdf"),
        ]


@hooks.register("register_admin_viewset")
def register_outcome_viewsets():
    return [ExportsViewSet(), CouncilReportViewSet()]


def _council_report_shown(user, consultation, page) -> bool:
    return admin_report.may_see_report(user, consultation)


def _exports_shown(user, consultation, page) -> bool:
    return export_services.may_export(user, consultation)


OUTCOME_BUTTONS = (
    ConsultationButton(  # to its centre's officials and to whoever may edit the page
        label=_("Council report"),
        url_name="outcomes_report:html",
        icon="doc-full",
        priority=90,
        shown=_council_report_shown,
    ),
    ConsultationButton(  # to the officials of its centre
        label=_("Exports"),
        url_name="outcomes_exports:index",
        icon="download",
        priority=90,
        shown=_exports_shown,
    ),
)


@hooks.register("register_page_header_buttons")
def outcome_buttons(page, user, view_name, next_url=None):
    """The council report and the exports, on a consultation, to whoever may see them."""
    yield from offer_buttons(OUTCOME_BUTTONS, page, user)


@hooks.register("construct_homepage_panels")
def add_your_consultations_panel(request, panels):
    """Officials reach their consultations' proposals, exports and report from the dashboard."""
    rows = admin_dashboard.consultation_rows(request.user)
    if rows:
        panels.append(admin_dashboard.YourConsultationsPanel(rows))
