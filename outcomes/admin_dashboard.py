"""The admin dashboard's "Your consultations": each consultation of the official's centres with
its proposals, exports, council report and paper ballots one click away, and only the links the
person may follow."""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from accounts.roles import staff_centres
from consultations.models import ConsultationPage
from outcomes.admin_report import STAFF_PERMISSION as REPORT_PERMISSION
from outcomes.exports.services import EXPORT_PERMISSION
from voting.admin_paper import ENTER

PROPOSALS_PERMISSION = "proposals.view_proposal"
LIMIT = 30


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Row:
    consultation: ConsultationPage
    links: list[Link]


def _paths(user, permission: str) -> list[str]:
    return list(staff_centres(user, permission).values_list("path", flat=True))


def _under(path: str, centre_paths: list[str]) -> bool:
    return any(path.startswith(centre) for centre in centre_paths)


def consultation_rows(user) -> list[Row]:
    """The consultations of the centres where `user` works, with what they may open."""
    if not user.has_perm(PROPOSALS_PERMISSION) and not user.is_superuser:
        return []
    export_paths = _paths(user, EXPORT_PERMISSION)
    if not export_paths:
        return []
    report_paths = _paths(user, REPORT_PERMISSION)
    paper_paths = _paths(user, ENTER)
    within = Q()
    for path in export_paths:
        within |= Q(path__startswith=path)
    consultations = ConsultationPage.objects.filter(within).order_by("title")[:LIMIT]
    rows = []
    for consultation in consultations:
        proposals = (
            reverse("mam_proposals:index") + "?" + urlencode({"consultation": consultation.pk})
        )
        links = [
            Link(_("Proposals"), proposals),
            Link(_("Exports"), reverse("outcomes_exports:index", args=[consultation.pk])),
        ]
        if _under(consultation.path, report_paths):
            links.append(
                Link(_("Council report"), reverse("outcomes_report:html", args=[consultation.pk]))
            )
        if consultation.voting_method and _under(consultation.path, paper_paths):
            url = reverse("voting_paper:ballots", args=[consultation.pk])
            links.append(Link(_("Paper ballots"), url))
        rows.append(Row(consultation, links))
    return rows


class YourConsultationsPanel(Component):
    name = "mam_your_consultations"
    template_name = "outcomes/admin/dashboard_consultations.html"
    order = 50  # first on the dashboard: it is what officials come for

    def __init__(self, rows: list[Row]):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows}
