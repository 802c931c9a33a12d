from django.contrib.auth.models import Permission
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from accounts.roles import is_staff_for
from consultations import selectors
from consultations.admin_buttons import ConsultationButton, offer_buttons
from consultations.permissions import may_publish_results
from voting import (
    admin_paper,
    admin_paper_ballots,
    admin_paper_voters,
    admin_protocol,
    admin_results,
    admin_tie,
)
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
    actions.register_action(
        "mam.results.tie_draw", _("Record a draw by lot"), _("Protocol of a draw by lot recorded")
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


class PaperBallotsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_paper.VIEW_BALLOTS)


class PaperIndexViewSet(ViewSet):
    """The consultations where paper ballots are typed in, in the admin's menu."""

    name = "voting_paper_index"
    url_prefix = "paper-ballots"
    add_to_admin_menu = True
    menu_label = _("Paper ballots")
    menu_name = "paper-ballots"
    menu_icon = "form"
    menu_order = 260
    menu_item_class = PaperBallotsMenuItem

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("", admin_paper.PaperIndexView.as_view(), name="index"),
        ]


class PaperBallotsViewSet(ViewSet):
    """A consultation's paper channel: cards, confirmations, voters, double votes, documents."""

    name = "voting_paper"
    url_prefix = "consultations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<id:page_id>/paper-ballots/new/",
                admin_paper.EnterBallotView.as_view(),
                name="enter",
            ),
            path(
                "<id:page_id>/paper-ballots/",
                admin_paper_ballots.BallotListView.as_view(),
                name="ballots",
            ),
            path(
                "<id:page_id>/paper-ballots/<uuid:ballot_id>/",
                admin_paper_ballots.BallotDetailView.as_view(),
                name="ballot",
            ),
            path(
                "<id:page_id>/paper-voters/",
                admin_paper_voters.VoterListView.as_view(),
                name="voters",
            ),
            path(
                "<id:page_id>/double-votes/",
                admin_paper_voters.DoubleVoteReportView.as_view(),
                name="double_votes",
            ),
            path(
                "<id:page_id>/double-votes/<id:participation_id>/resolve/",
                admin_paper_voters.ResolveDoubleVoteView.as_view(),
                name="double_vote_resolve",
            ),
            path(
                "<id:page_id>/paper-ballots/confirm/",
                admin_protocol.ConfirmBallotView.as_view(),
                name="confirm",
            ),
            path(
                "<id:page_id>/paper-ballots/to-confirm/",
                admin_protocol.UnconfirmedListView.as_view(),
                name="unconfirmed",
            ),
            path(
                "<id:page_id>/paper-protocol/",
                admin_protocol.ProtocolView.as_view(),
                name="protocol",
            ),
            path(
                "<id:page_id>/paper-documents/",
                admin_protocol.DocumentsView.as_view(),
                name="documents",
            ),
            path(
                "<id:page_id>/paper-documents/<slug:kind>.pdf",
                admin_protocol.DocumentPdfView.as_view(),
                name="document",
            ),
        ]


class ResultsViewSet(ViewSet):
    """Counting the votes and publishing the results, its job's page, the draws by lot."""

    name = "voting_results"
    url_prefix = "consultations"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<id:page_id>/publish-results/",
                admin_results.PublishResultsView.as_view(),
                name="publish",
            ),
            path("publishing/<id:job_id>/", admin_results.PublishJobView.as_view(), name="job"),
            path("<id:page_id>/draws/", admin_tie.TieDrawsView.as_view(), name="tie_draws"),
        ]


@hooks.register("register_admin_viewset")
def register_voting_viewsets():
    return [PaperIndexViewSet(), PaperBallotsViewSet(), ResultsViewSet()]


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


def _tie_draws_shown(user, consultation, page) -> bool:
    return consultation.tie_rule == "lot" and _publish_results_shown(user, consultation, page)


def _paper_documents_shown(user, consultation, page) -> bool:
    return user.has_perm(admin_paper.VIEW_BALLOTS) and is_staff_for(
        user, admin_paper.VIEW_BALLOTS, consultation.centre
    )


VOTING_BUTTONS = (
    ConsultationButton(  # on a consultation with a vote, to its centre's staff
        label=_("Paper ballots"),
        url_name="voting_paper:enter",
        icon="form",
        priority=85,
        shown=_paper_ballots_shown,
    ),
    ConsultationButton(  # once voting closed, until the results are published
        label=_("Count the votes and publish the results"),
        url_name="voting_results:publish",
        icon="tasks",
        priority=81,
        shown=_publish_results_shown,
    ),
    ConsultationButton(  # ties drawn by lot: until the results are published
        label=_("Draws by lot"),
        url_name="voting_results:tie_draws",
        icon="tasks",
        priority=82,
        shown=_tie_draws_shown,
    ),
    ConsultationButton(  # the printable ballot card, forms and protocol, to its centre's staff
        label=_("Paper documents (PDF)"),
        url_name="voting_paper:documents",
        icon="doc-full",
        priority=86,
        shown=_paper_documents_shown,
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
