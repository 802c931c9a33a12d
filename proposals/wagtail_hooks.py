"""Staff admin for proposals: the scoped listing, status changes, and the action log names."""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from proposals import participation  # noqa: F401 - registers the person's own sections
from proposals.admin import ProposalAdminViewSet
from proposals.admin_comments import CommentViewSet
from proposals.forms import ProposalForm
from proposals.routes import routes
from proposals.selectors import proposals_found

LOG_ACTIONS = [
    ("mam.proposal.status", _("Change status"), _("Proposal status changed")),
    ("mam.proposal.forward", _("Forward"), _("Proposal forwarded to an outside body")),
    ("mam.proposal.outside_answer", _("Record answer"), _("Outside body's answer recorded")),
    ("mam.proposal.support_in_person", _("Record support"), _("Support given in person")),
    ("mam.proposal.desk_submit", _("Submit at the desk"), _("Proposal submitted at the centre")),
]


@hooks.register("register_log_actions")
def register_proposal_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_proposals_admin():
    return ProposalAdminViewSet()


@hooks.register("register_admin_viewset")
def register_comments_admin():
    return CommentViewSet("mam_proposal_comments")


@hooks.register("register_permissions")
def register_proposal_permissions():
    return Permission.objects.filter(
        content_type__app_label="proposals",
        codename__in=["view_proposal", "change_proposal", "view_comment", "change_comment"],
    )


@hooks.register("register_log_actions")
def register_helpers_message_log_action(actions):
    actions.register_action(
        "mam.proposal.helpers_message",
        _("Write to helpers"),
        _("Message sent to the people who offered help"),
    )


@hooks.register("mam_consultation_routes")
def proposal_pages_of_consultation() -> list:
    """The proposals' pages under each consultation's path (ConsultationPage.get_subpage_urls)."""
    return routes()


@hooks.register("mam_search_results")
def proposals_in_site_search(query: str) -> dict:
    """Proposals for the site search (home.views.search), each with its address."""
    found = proposals_found(query)
    for proposal in found:
        proposal.search_url = proposal.get_absolute_url()
    return {"label": _("Residents' proposal"), "results": found}


# Lines of handwriting the paper proposal form leaves for each field of the online form.
PAPER_LINES = {"title": 2, "body": 10, "place": 2, "estimated_cost": 1}


@hooks.register("mam_paper_proposal_fields")
def paper_proposal_fields(consultation):
    """The online proposal form's fields, for the printed paper form (consultations/paper_kit)."""
    form = ProposalForm(consultation=consultation)
    fields = []
    for name, field in form.fields.items():
        if name not in PAPER_LINES and not hasattr(field, "queryset"):
            continue  # the map's point has no place on paper: "place" says where
        choices = (
            [str(label) for value, label in field.choices if value]
            if hasattr(field, "queryset")
            else []
        )
        fields.append(
            {
                "label": str(field.label),
                "help_text": str(field.help_text or ""),
                "lines": PAPER_LINES.get(name, 0),
                "choices": choices,
                "required": field.required,
            }
        )
    return fields
