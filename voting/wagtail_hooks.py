from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.roles import is_staff_for
from consultations import selectors
from consultations.admin_buttons import ConsultationButton, offer_buttons
from consultations.permissions import may_publish_results
from voting import admin_paper, admin_results
from voting.routes import routes
from voting.services import results
from voting.services.voting import participation_of


@hooks.register("register_log_actions")
def register_voting_log_actions(actions):
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


@hooks.register("register_admin_urls")
def register_voting_admin_urls():
    return [
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
        path(
            "consultations/<id:page_id>/publish-results/",
            admin_results.publish_results_view,
            name="consultations_publish_results",
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
        content_type__app_label="voting",
        codename__in=["view_ballot", "add_ballot", "change_ballot"]
        + ["view_participation", "change_participation"],
    )


def _paper_ballots_shown(user, consultation, page) -> bool:
    return (
        bool(consultation.voting_method)
        and user.has_perm(admin_paper.ENTER)
        and is_staff_for(user, admin_paper.ENTER, consultation.centre)
    )


def _publish_results_shown(user, consultation, page) -> bool:
    return (
        bool(consultation.voting_method)
        and may_publish_results(user, consultation)
        and results.voting_over(consultation)
        and not results.published_result(consultation)
    )


VOTING_BUTTONS = (
    ConsultationButton(  # on a consultation with a vote, to its centre's staff
        label=_("Paper ballots"),
        url_name="consultations_paper_enter",
        icon="form",
        priority=85,
        shown=_paper_ballots_shown,
    ),
    ConsultationButton(  # once voting closed, until the results are published
        label=_("Count the votes and publish the results"),
        url_name="consultations_publish_results",
        icon="tasks",
        priority=81,
        shown=_publish_results_shown,
    ),
)


@hooks.register("register_page_header_buttons")
def voting_buttons(page, user, view_name, next_url=None):
    """Paper ballots and publishing the results, on a consultation with a vote."""
    yield from offer_buttons(VOTING_BUTTONS, page, user)


@hooks.register("mam_consultation_routes")
def vote_pages_of_consultation() -> list:
    """The ballot and the results under the consultation's path (voting/routes.py)."""
    return routes()


@hooks.register("mam_consultation_context")
def voters_own_participation(request, consultation, today) -> dict:
    """Whoever voted is told so, and until when the ballot may change (one query)."""
    if "vote" not in today.decisions or not consultation.voting_method:
        return {}
    return {
        "participation": participation_of(request.user, consultation),
        "vote_until": selectors.last_day(today.phase),
    }


@hooks.register("mam_consultation_sections")
def results_on_consultation_page(request, consultation):
    """A way to the vote's result once it is published (the template asks, one query)."""
    if not consultation.voting_method:
        return None
    return {"template": "voting/includes/results_link.html"}
