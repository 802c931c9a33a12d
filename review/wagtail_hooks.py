"""The review in Wagtail: its admin screens, log actions, and what it adds to lower apps'
pages through their hooks (the proposal page, the vote's opening, the council report)."""

from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from consultations.routes import page_route
from outcomes.exports.base import DATE, Column
from proposals.models import Proposal
from proposals.views import fragments
from review import selectors, services, views
from review.admin import ReviewSetupViewSet, ReviewViewSet
from review.admin.dashboard import BodyAppealsPanel, body_appeal_rows
from review.models import Appeal, Criterion, Review

APPEALS_MENU = "mam-appeals"
LOG_ACTIONS = [
    ("mam.review.start", _("Start the review"), _("Review of the project started")),
    ("mam.review.assign", _("Assign the review"), _("Review assigned")),
    ("mam.review.decide", _("Publish the review outcome"), _("Review outcome published")),
    ("mam.review.appeal", _("Appeal"), _("Appeal against the review filed")),
    ("mam.review.appeal_decide", _("Decide the appeal"), _("Appeal decided")),
    (
        "mam.review.vote_override",
        _("Open the vote with appeals pending"),
        _("Vote opened with appeals pending"),
    ),
]


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_viewset")
def register_review_admin():
    return [ReviewSetupViewSet("mam_review_setup"), ReviewViewSet("mam_reviews")]


class AppealsMenuItem(MenuItem):
    def is_shown(self, request):
        return services.may_open_appeals(request.user)


@hooks.register("register_admin_menu_item")
def appeals_menu_item():
    return AppealsMenuItem(
        _("Appeals"), reverse("mam_reviews:appeals"), name=APPEALS_MENU, icon_name="doc-full",
        order=243,
    )  # fmt: skip


@hooks.register("construct_main_menu")
def appeal_body_menu(request, menu_items):
    """An appeal body's member who is not staff sees the appeals only (review.middleware)."""
    if services.appeal_body_only(request.user):
        menu_items[:] = [item for item in menu_items if item.name == APPEALS_MENU]


@hooks.register("construct_homepage_panels")
def add_body_appeals_panel(request, panels):
    """The appeals waiting for the user's appeal body, for whoever sits on one."""
    rows = body_appeal_rows(request.user)
    if rows is not None:
        panels.append(BodyAppealsPanel(rows))


@hooks.register("mam_vote_holds")
def appeals_hold_the_vote(consultation) -> str:
    """Pending appeals keep the vote closed until staff confirm otherwise (with a reason)."""
    return services.vote_hold(consultation)


@hooks.register("mam_vote_holds_many")
def appeals_hold_the_votes(consultations) -> dict:
    """mam_vote_holds for many consultations (the open-now block) in one query."""
    return services.vote_holds(consultations)


@hooks.register("mam_case_targets")
def review_case_targets(proposal) -> list:
    """The review, each of its criteria and the appeal, as what a case can be about."""
    review = Review.objects.filter(proposal=proposal).select_related("appeal").first()
    if review is None:
        return []
    found = [(f"review-{review.pk}", gettext("The review of the project"), review)]
    setup = selectors.setup_of(proposal.consultation)
    for criterion in setup.criteria.all() if setup else []:
        label = gettext("Assessing the criterion: %(criterion)s") % {"criterion": criterion.text}
        found.append((f"criterion-{criterion.pk}", label, criterion))
    appeal = selectors.appeal_of(review)
    if appeal is not None:
        found.append((f"appeal-{appeal.pk}", gettext("The appeal and its decision"), appeal))
    return found


@hooks.register("mam_case_target_labels")
def review_case_target_labels(wanted: dict) -> dict:
    """Casework's words for the review's parts that cases point at, in one query for the
    criteria (the review and the appeal need none)."""
    types = ContentType.objects.get_for_models(Review, Criterion, Appeal)
    labels = {}
    for pk in wanted.get(types[Review].pk, ()):
        labels[(types[Review].pk, pk)] = gettext("The review of the project")
    for pk in wanted.get(types[Appeal].pk, ()):
        labels[(types[Appeal].pk, pk)] = gettext("The appeal and its decision")
    if wanted.get(types[Criterion].pk):
        for criterion in Criterion.objects.filter(pk__in=wanted[types[Criterion].pk]):
            labels[(types[Criterion].pk, criterion.pk)] = gettext(
                "Assessing the criterion: %(criterion)s"
            ) % {"criterion": criterion.text}
    return labels


@hooks.register("mam_status_change_checks")
def review_decides_admission(proposal, status: str) -> str:
    """With a review step, only the review's outcome (or an upheld appeal) admits a project
    to the vote: an official cannot mark it "accepted" by hand."""
    if status != Proposal.Status.ACCEPTED or not selectors.has_review_step(proposal.consultation):
        return ""
    return gettext(
        "This consultation reviews projects before the vote: a project is admitted by "
        "publishing its review outcome (Reviews of projects), not by changing its status."
    )


@hooks.register("mam_proposal_export_columns")
def review_in_proposals_export(consultation):
    """The review's outcome, its date and the appeal's decision as columns of the export."""
    if not selectors.has_review_step(consultation):
        return None
    return {
        "columns": [
            Column("review_outcome", gettext("Outcome of the review"), width=30),
            Column("review_decided_on", gettext("Review decided on"), DATE, 12),
            Column("review_appeal", gettext("Appeal"), width=24),
        ],
        "values": lambda: selectors.export_values(consultation),
    }


@hooks.register("mam_proposal_api_details")
def review_in_proposal_api(proposal):
    """The review's outcome in the API's proposal detail, when the consultation has one."""
    if not selectors.has_review_step(proposal.consultation):
        return None
    review = selectors.review_of(proposal)
    return ("review", selectors.api_value(review))


@hooks.register("mam_report_sections")
def review_in_council_report(consultation):
    """The review's numbers in the council report, when the consultation has a review step."""
    setup = selectors.setup_of(consultation)
    if setup is None:
        return None
    return {
        "id": "review",
        "title": _("Review of projects and appeals"),
        "template": "review/report_section.html",
        "numbers": selectors.numbers(consultation),
        "override": setup.vote_override_reason,
    }


@hooks.register("mam_proposal_sections")
def review_on_proposal_page(request, proposal, consultation):
    """The outcome, the criteria, the appeal and its deadlines on the proposal's page."""
    version = fragments.content_version(request, consultation)
    if not selectors.has_review_step(consultation, version=version):
        return None
    review = selectors.review_of(proposal)
    if review is None:
        return None
    base = consultation.get_url(request) or consultation.url or "/"
    return {
        "template": "review/includes/proposal_review.html",
        "review": review,
        "appeal": selectors.appeal_of(review),
        "setup": selectors.setup_of(consultation),
        "today": timezone.localdate(),
        "can_appeal": not services.appeal_refusal(request.user, review),
        "appeal_url": consultation.sub_url("review_appeal", base=base, pk=proposal.pk),
        "list_url": consultation.sub_url("review_list", base=base),
    }


@hooks.register("mam_consultation_sections")
def review_on_consultation_page(request, consultation):
    """A way to the list of projects with their review, when the consultation has one."""
    if not selectors.has_review_step(consultation):
        return None
    return {
        "template": "review/includes/consultation_link.html",
        "url": consultation.sub_url("review_list", request=request),
    }


@hooks.register("mam_consultation_routes")
def review_pages_of_consultation() -> list:
    """The review list and the appeal form under each consultation's path."""
    return [
        path("weryfikacja/", page_route(views.review_list), name="review_list"),
        path("propozycje/<id:pk>/odwolanie/", page_route(views.appeal), name="review_appeal"),
    ]


@hooks.register("mam_overdue_cases")
def overdue_appeals_for_casework(centres, today):
    """Appeals past their decision date, on casework's "Overdue" list."""
    appeals = selectors.overdue_appeals(centres, today)
    if not appeals:
        return None
    return {
        "title": _("Appeals past their decision date"),
        "rows": [
            {
                "label": appeal.review.proposal.title,
                "url": reverse("mam_reviews:appeal", args=[appeal.review_id]),
                "due": appeal.decide_by,
            }
            for appeal in appeals
        ],
    }
