"""The reviews of projects: the listing with each row's actions, and the viewset routing
every review screen."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import ButtonsColumnMixin, Column, DateColumn, TitleColumn
from wagtail.admin.widgets import ListingButton

from accounts.admin.common import (
    ScopedIndexView,
    StaffListingViewSet,
)
from review import services
from review.admin.actions import AssessView, DecideView, PaperAppealView
from review.admin.appeals import AppealDecideView, AppealIndexView, AppealView
from review.admin.assign import ReviewAssignView
from review.admin.rules import StartView, VoteOverrideView
from review.admin.scope import CHANGE, scoped_reviews
from review.models import Outcome, Review
from review.selectors import appeal_of


class OutcomeColumn(Column):
    def get_value(self, instance):
        if not instance.outcome:
            return gettext("being reviewed")
        return f"{instance.get_outcome_display()} ({instance.decided_at:%d.%m.%Y})"


class AssessorColumn(Column):
    def get_value(self, instance):
        names = [str(who) for who in (instance.assigned_to, instance.assigned_department) if who]
        return ", ".join(names) or "—"


class AppealColumn(Column):
    def get_value(self, instance):
        appeal = appeal_of(instance)
        if appeal is None:
            return "—"
        if appeal.decision:
            return appeal.get_decision_display()
        if appeal.is_overdue():
            return gettext("overdue since %(date)s") % {"date": appeal.decide_by.isoformat()}
        return gettext("decision due %(date)s") % {"date": appeal.decide_by.isoformat()}


class ButtonsTitleColumn(ButtonsColumnMixin, TitleColumn):
    """The project's title with the row's buttons (Wagtail adds them to its own title column
    only, not to one a view defines)."""

    def __init__(self, *args, get_buttons, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_buttons = get_buttons

    def get_buttons(self, instance, parent_context):
        return self.row_buttons(instance)


class ReviewIndexView(ScopedIndexView):
    permission = CHANGE
    page_title = _("Reviews of projects")

    def get_base_queryset(self):
        return scoped_reviews(self.request.user).select_related(
            "proposal__consultation", "assigned_to", "assigned_department", "appeal"
        )

    @cached_property
    def columns(self):
        return [
            ButtonsTitleColumn(
                "proposal",
                label=_("Project"),
                url_name="mam_reviews:assess",
                get_url=lambda review: reverse("mam_reviews:assess", args=[review.pk]),
                get_buttons=self.get_list_buttons,
            ),
            Column("consultation", label=_("Consultation"), accessor="proposal.consultation"),
            AssessorColumn("assigned_to", label=_("Assessed by")),
            OutcomeColumn("outcome", label=_("Outcome")),
            AppealColumn("appeal", label=_("Appeal")),
            DateColumn("created_at", label=pgettext_lazy("when the review began", "Started")),
        ]

    def get_list_more_buttons(self, instance):
        buttons = [
            self.assign_button(
                _("Assign a part of the review as a case"), instance, f"review-{instance.pk}"
            )
        ]
        if not instance.outcome:
            buttons += [
                ListingButton(
                    _("Assign the review"),
                    reverse("mam_reviews:assign", args=[instance.pk]),
                    icon_name="user",
                ),
                ListingButton(
                    _("Assess"), reverse("mam_reviews:assess", args=[instance.pk]), icon_name="edit"
                ),
                ListingButton(
                    _("Publish the outcome"),
                    reverse("mam_reviews:decide", args=[instance.pk]),
                    icon_name="success",
                ),
            ]
        elif instance.outcome == Outcome.NOT_ADMITTED:
            appeal = appeal_of(instance)
            if appeal is not None:
                buttons.append(
                    ListingButton(
                        _("Appeal"),
                        reverse("mam_reviews:appeal", args=[instance.pk]),
                        icon_name="doc-full",
                    )
                )
            if appeal is None:
                buttons.append(
                    ListingButton(
                        _("Enter a paper appeal"),
                        reverse("mam_reviews:paper_appeal", args=[instance.pk]),
                        icon_name="doc-full",
                    )
                )
            elif not appeal.decision and self.may_decide(instance):
                buttons.append(
                    ListingButton(
                        _("Decide the appeal"),
                        reverse("mam_reviews:appeal_decide", args=[instance.pk]),
                        icon_name="success",
                    )
                )
                buttons.append(
                    self.assign_button(_("Assign the appeal"), instance, f"appeal-{appeal.pk}")
                )
        return buttons

    def may_decide(self, review) -> bool:
        """Only the appeal body's members (or the officials, when none are named) decide."""
        consultation = review.proposal.consultation
        members = self.body_members.get(consultation.pk)
        if members is None:
            members = services.appeal_body_members(services.appeal_setup(consultation))
            self.body_members[consultation.pk] = members
        return services.may_decide_appeal(self.request.user, consultation, members=members)

    @cached_property
    def body_members(self) -> dict:
        return {}

    def assign_button(self, label, review, target: str) -> ListingButton:
        """Casework's assigning screen with the review's part chosen (a department or a
        person of the centre, a due date); each criterion can be chosen there too."""
        url = reverse("mam_cases:assign", args=[review.proposal_id])
        return ListingButton(label, f"{url}?target={target}", icon_name="tasks")


class ReviewViewSet(StaffListingViewSet):
    model = Review
    icon = "tasks"
    menu_label = _("Reviews of projects")
    menu_order = 242
    add_to_admin_menu = True
    url_prefix = "reviews"
    index_view_class = ReviewIndexView
    inspect_view_enabled = False
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/assess/", AssessView.as_view(), name="assess"),
            path("<id:pk>/assign/", ReviewAssignView.as_view(), name="assign"),
            path("<id:pk>/decide/", DecideView.as_view(), name="decide"),
            path("<id:pk>/paper-appeal/", PaperAppealView.as_view(), name="paper_appeal"),
            path("<id:pk>/appeal-decision/", AppealDecideView.as_view(), name="appeal_decide"),
            path("<id:pk>/appeal/", AppealView.as_view(), name="appeal"),
            path("appeals/", AppealIndexView.as_view(), name="appeals"),
            path("rules/<id:pk>/start/", StartView.as_view(), name="start"),
            path("rules/<id:pk>/vote/", VoteOverrideView.as_view(), name="vote_override"),
        ]

    def register_admin_url_finder(self):
        """No edit view: the listing and its action screens are the places to look."""
