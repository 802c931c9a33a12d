"""Implementation records in Wagtail: the admin screens, and what they add to lower apps'
pages through their hooks (the consultation's routes and page, the proposal page, the council
report)."""

from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from consultations.routes import page_route
from implementation import selectors, services, views
from implementation.admin import ImplementationAdminViewSet
from implementation.exports import IMPLEMENTATION_EXPORT
from implementation.models import Implementation
from proposals.models import Proposal


@hooks.register("register_admin_viewset")
def register_implementation_admin():
    return ImplementationAdminViewSet("mam_implementation")


@hooks.register("mam_results_published")
def open_records_of_funded_projects(*, consultation, result) -> None:
    """Every project funded by the published result gets its record, once."""
    services.records_open_for_result(consultation=consultation, result=result)


@hooks.register("mam_status_change_checks")
def record_decides_progress(proposal, status: str) -> str:
    """A project with an implementation record is "in progress" or "implemented" as its
    record says: an official changes the record, not the status by hand."""
    following = (Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED)
    if status not in following or not Implementation.objects.filter(proposal=proposal).exists():
        return ""
    return gettext(
        "This project has an implementation record: its status follows the record "
        "(Implementation), so update the record instead."
    )


@hooks.register("mam_exports")
def implementation_export() -> list:
    """The "implementation" export on every consultation's exports page."""
    return [IMPLEMENTATION_EXPORT]


@hooks.register("mam_consultation_routes")
def implementation_pages_of_consultation() -> list:
    """The list of funded projects (…/realizacja/) and its map's GeoJSON."""
    return [
        path("realizacja/", page_route(views.implementation_list), name="implementation_list"),
        path(
            "realizacja/mapa/geojson/",
            page_route(views.implementation_geojson),
            name="implementation_geojson",
        ),
        path(
            "realizacja/dane/json/",
            page_route(views.implementation_json),
            name="implementation_json",
        ),
        path(
            "realizacja/dane/csv/",
            page_route(views.implementation_csv),
            name="implementation_csv",
        ),
    ]


@hooks.register("mam_open_data_files")
def implementation_open_data(request, consultation, base) -> dict | None:
    """The records' JSON and CSV in the results page's open data, once there are records."""
    if not Implementation.objects.filter(proposal__consultation=consultation).exists():
        return None
    return {
        "title": _("Implementation of funded projects"),
        "description": _(
            "Each funded project's implementation record: status, percent done, money "
            "planned and spent, milestones and the public timeline. No personal data."
        ),
        "files": [
            {
                "label": _("Download the implementation records (JSON)"),
                "url": consultation.sub_url("implementation_json", base=base),
                "name": views.open_data_name(consultation, "json"),
            },
            {
                "label": _("Download the implementation records (CSV, for a spreadsheet)"),
                "url": consultation.sub_url("implementation_csv", base=base),
                "name": views.open_data_name(consultation, "csv"),
            },
        ],
    }


@hooks.register("mam_consultation_sections")
def implementation_on_consultation_page(request, consultation):
    """A way to the funded projects' progress, once the consultation has records."""
    if not Implementation.objects.filter(proposal__consultation=consultation).exists():
        return None
    return {
        "template": "implementation/includes/consultation_link.html",
        "url": consultation.sub_url("implementation_list", request=request),
    }


@hooks.register("mam_proposal_sections")
def implementation_on_proposal_page(request, proposal, consultation):
    """The record, its milestones, photos and timeline on the funded project's page."""
    if proposal.status not in selectors.FUNDED:
        return None  # only funded projects have records: no query for every other proposal
    record = selectors.record_of(proposal)
    if record is None:
        return None
    return {
        "template": "implementation/includes/proposal_record.html",
        "record": record,
        "list_url": consultation.sub_url("implementation_list", request=request),
    }


@hooks.register("mam_report_sections")
def implementation_in_council_report(consultation):
    """Funded projects, their state and money planned and spent, in the council report."""
    numbers = selectors.consultation_numbers(consultation)
    if not numbers["funded"] and not numbers["totals"].count:
        return None
    return {
        "id": "implementation",
        "title": _("Implementation of funded projects"),
        "template": "implementation/report_section.html",
        "numbers": numbers,
    }
