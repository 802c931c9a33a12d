"""Case work in Wagtail's admin: the "Cases" menu, log actions, the dashboard panel, and what
casework adds to the proposals admin through its hooks (buttons, summary, export, answers)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets import HeaderButton

from accounts.roles import is_staff_for, staff_centres
from casework import selectors, services
from casework.admin import AnswerTemplateViewSet, DepartmentViewSet
from casework.admin_cases import AssignmentViewSet
from casework.models import AnswerTemplate

STAFF = services.STAFF
OFFICIALS = services.OFFICIALS
SUBMENU = "register_casework_menu_item"

LOG_ACTIONS = [
    ("mam.casework.assign", _("Assign"), _("Case assigned")),
    ("mam.casework.reassign", _("Reassign"), _("Case reassigned")),
    ("mam.casework.done", _("Mark done"), _("Case marked done")),
    ("mam.casework.note", _("Internal note"), _("Internal note added")),
    (
        "mam.casework.notes_export",
        _("Export internal notes"),
        _("Proposals exported with their internal notes"),
    ),
]


@hooks.register("register_log_actions")
def register_casework_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


class CaseworkGroup(ViewSetGroup):
    menu_label = _("Cases")
    menu_icon = "tasks"
    menu_order = 245
    submenu_hook = SUBMENU
    items = (
        AssignmentViewSet("mam_cases"),
        DepartmentViewSet("mam_departments"),
        AnswerTemplateViewSet("mam_answer_templates"),
    )


@hooks.register("register_admin_viewset")
def register_casework_admin():
    return CaseworkGroup()


class StaffMenuItem(AdminMenuItem):
    def is_shown(self, request):
        return request.user.has_perm(STAFF)


@hooks.register(SUBMENU)
def my_cases_menu_item():
    return StaffMenuItem(_("My cases"), reverse("mam_cases:mine"), icon_name="user", order=1)


@hooks.register(SUBMENU)
def overdue_menu_item():
    return StaffMenuItem(_("Overdue"), reverse("mam_cases:overdue"), icon_name="warning", order=2)


class MyCasesPanel(Component):
    """ "Moje sprawy" on the dashboard: my open cases, mine overdue, overdue in my centres."""

    name = "my_cases"
    order = 90
    template_name = "casework/admin/dashboard_panel.html"

    def __init__(self, counts: dict[str, int]):
        self.counts = counts

    def get_context_data(self, parent_context=None):
        return {
            "counts": self.counts,
            "mine_url": reverse("mam_cases:mine"),
            "overdue_url": reverse("mam_cases:overdue"),
        }


@hooks.register("construct_homepage_panels")
def add_my_cases_panel(request, panels):
    if not request.user.has_perm(STAFF):
        return
    centres = staff_centres(request.user, STAFF)
    panels.append(MyCasesPanel(selectors.my_counts(request.user, centres, timezone.localdate())))


# What casework adds to the proposals admin (hooks called by proposals.admin) -----------------


@hooks.register("mam_proposal_admin_buttons")
def case_buttons(request, proposal) -> list:
    """The case file (notes) for the staff, assigning for the officials."""
    buttons = [
        MenuItem(
            _("Case file and internal notes"),
            reverse("mam_cases:file", args=[proposal.pk]),
            icon_name="clipboard-list",
            priority=15,
        )
    ]
    if request.user.has_perm(OFFICIALS):
        url = reverse("mam_cases:assign", args=[proposal.pk])
        buttons.append(MenuItem(_("Assign to a department"), url, icon_name="tasks", priority=16))
    return buttons


@hooks.register("mam_proposal_admin_summary")
def case_summary(request, proposal) -> list:
    """Open cases and internal notes beside each action on the proposal (staff screens)."""
    summary = []
    for case in selectors.cases_of(proposal):
        if not case.is_done:
            summary.append((_("Assigned to"), f"{case.assignee} ({case.due_date.isoformat()})"))
    for note in selectors.notes_of(proposal):
        summary.append((_("Internal note"), note.text))
    return summary


def _wants_notes(request) -> bool:
    return request.GET.get("internal_notes") == "1" and services.is_administrator(request.user)


@hooks.register("mam_proposal_admin_export_columns")
def notes_in_export(request) -> list:
    """Internal notes as an export column, only when an administrator asks for them."""
    if not _wants_notes(request):
        return []

    def values(proposal_ids):
        found = selectors.notes_by_proposal(proposal_ids)
        services.notes_export_log(by=request.user, count=len(found))
        return found

    return [("internal_notes", _("Internal notes"), values)]


@hooks.register("mam_proposal_admin_header_buttons")
def notes_export_button(request) -> list:
    if not services.is_administrator(request.user):
        return []
    query = request.GET.copy()
    query.update({"export": "xlsx", "internal_notes": "1"})
    url = reverse("mam_proposals:index") + "?" + urlencode(query, doseq=True)
    return [HeaderButton(_("Download XLSX with internal notes"), url, icon_name="download")]


@hooks.register("mam_answer_templates")
def answer_templates(user, proposal) -> list:
    """(id, title, filled text) of the templates of the proposal's centre."""
    centre = proposal.consultation.centre
    if not is_staff_for(user, OFFICIALS, centre):
        return []
    return [
        (template.pk, template.title, services.template_fill(template=template, proposal=proposal))
        for template in AnswerTemplate.objects.filter(centre=centre).order_by("title")
    ]
