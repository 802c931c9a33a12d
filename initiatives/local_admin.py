"""Staff admin for local initiative applications: the listing with the evaluation's total, and
the screens where the centre's organiser records the town's evaluation and decision.

The organiser role's permissions on initiatives cover the applications too (one role, no new
group permissions): viewing initiatives lets one see them, changing lets one record answers.
"""

from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.admin.common import (
    ActionFormView,
    ScopedHistoryView,
    ScopedIndexView,
    StaffListingViewSet,
    centre_filter,
)
from accounts.roles import staff_centres
from consultations.participation import NotAllowed
from home.ids import parse_id
from initiatives.models import EvaluationCriterion, LocalInitiativeTerms
from initiatives.models import LocalInitiativeApplication as App
from initiatives.services import local_initiative as local

MAX_POINTS = 100
VIEW = "initiatives.view_initiative"
CHANGE = "initiatives.change_initiative"


class OrganiserPolicy(ModelPermissionPolicy):
    """Seeing applications needs the right to see initiatives; answering, to change them."""

    def user_has_permission(self, user, action):
        wanted = {"view": VIEW, "change": CHANGE}.get(action)
        return wanted is not None and user.is_active and user.has_perm(wanted)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ApplicationFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=App.State.choices)
    centre = centre_filter(VIEW)

    class Meta:
        model = App
        fields = ["state", "centre"]


class ApplicationIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Local initiatives")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .exclude(state=App.State.DRAFT)
            .select_related("centre", "initiative")
            .annotate(points=Sum("scores__score"))
            .order_by("-created_at", "-pk")
        )

    def get_edit_url(self, instance):
        if self.request.user.has_perm(CHANGE):
            return reverse("mam_local_initiatives:evaluate", args=[instance.pk])
        return None

    @cached_property
    def header_buttons(self):
        """The town's rules (hourly rate, criteria) of each of the organiser's centres."""
        if not self.request.user.has_perm(CHANGE):
            return []
        return [
            HeaderButton(
                gettext("The town's rules: %(centre)s") % {"centre": centre.title},
                url=reverse("mam_local_initiatives:terms", args=[centre.pk]),
                icon_name="cog",
            )
            for centre in staff_centres(self.request.user, CHANGE).order_by("title")
        ]

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if url := self.get_edit_url(instance):
            buttons.append(MenuItem(_("Evaluation"), url, icon_name="tasks", priority=10))
            decide = reverse("mam_local_initiatives:decide", args=[instance.pk])
            buttons.append(MenuItem(_("Decision"), decide, icon_name="check", priority=15))
        history = reverse("mam_local_initiatives:history", args=[instance.pk])
        buttons.append(MenuItem(_("History"), history, icon_name="history", priority=20))
        return buttons

    @cached_property
    def columns(self):
        title = self.title_column
        return [
            title("title", label=_("Title of the task"), get_url=lambda i: self.get_edit_url(i)),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            Column("initiative", label=_("Initiative"), accessor="initiative"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                primary=lambda i: i.state == App.State.READY,
            ),
            Column("points", label=_("Points")),
            DateColumn("filed_on", label=_("Filed on")),
            DateColumn("decided_on", label=_("Decided on")),
        ]


class ApplicationHistoryView(ScopedHistoryView):
    permission = VIEW


class EvaluationForm(forms.Form):
    filed_on = forms.DateField(
        label=_("Filed with the town on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            old = scores.get(criterion.pk)
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.name} (0–{criterion.max_score})",
                min_value=0,
                max_value=criterion.max_score,
                initial=old.score if old else None,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                initial=old.comment if old else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"criterion_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class _ApplicationAction(ActionFormView):
    permission = CHANGE
    header_icon = "tasks"
    index_url_name = "mam_local_initiatives:index"
    index_label = _("Local initiatives")

    def prepare(self):
        self.application = get_object_or_404(
            App.objects.filter(centre__in=self.centres)
            .exclude(state=App.State.DRAFT)
            .select_related("centre", "initiative")
            .prefetch_related("cost_lines", "contribution_lines", "pledges", "scores"),
            pk=self.kwargs["pk"],
        )

    def get_summary(self):
        application = self.application
        totals = local.totals(application)
        pledged = local.pledge_totals(application)
        return [
            (_("Title of the task"), application.title),
            (_("Centre"), application.centre.title),
            (_("Applicant"), application.applicant_name),
            (_("Public task"), application.get_area_display()),
            (_("State"), application.get_state_display()),
            (_("Total cost (PLN)"), str(totals.costs)),
            (_("Total contribution (PLN)"), str(totals.contribution)),
            (
                _("Hours of social work pledged / delivered"),
                f"{pledged.hours} / {pledged.hours_delivered}",
            ),
        ]

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except NotAllowed as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)


class EvaluationView(_ApplicationAction):
    """The town's points per criterion of its resolution, with comments."""

    form_class = EvaluationForm
    page_title = _("The town's evaluation")
    submit_button_label = _("Save the evaluation")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["criteria"] = EvaluationCriterion.objects.filter(centre=self.application.centre)
        kwargs["scores"] = {s.criterion_id: s for s in self.application.scores.all()}
        kwargs["initial"] = {"filed_on": self.application.filed_on}
        return kwargs

    def perform(self, form):
        if not form.criteria:
            raise forms.ValidationError(
                gettext("The town's criteria are not set for this centre yet.")
            )
        rows = local.evaluation_record(
            application=self.application,
            staff=self.request.user,
            scores=form.scores(),
            filed_on=form.cleaned_data["filed_on"],
        )
        return gettext("The evaluation is saved: %(points)s points.") % {
            "points": sum(row.score for row in rows)
        }


class DecisionForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label=_("The town's decision"),
        choices=[("1", _("accepted")), ("0", _("rejected"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(
        label=_("Decided on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    agreement_starts_on = forms.DateField(
        label=_("Agreement from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agreement_ends_on = forms.DateField(
        label=_("Agreement until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class DecisionView(_ApplicationAction):
    """The town's decision with its reasons and the agreement's dates."""

    form_class = DecisionForm
    page_title = _("The town's decision")
    submit_button_label = _("Save the decision")

    def perform(self, form):
        local.decision_record(
            application=self.application, staff=self.request.user, **form.cleaned_data
        )
        return gettext("The decision is saved and shown on the public page.")


class TermsForm(forms.Form):
    hourly_rate = forms.DecimalField(
        label=_("Value of one hour of social work (PLN)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=10,
        decimal_places=2,
    )
    resolution = forms.CharField(label=_("The town's resolution"), max_length=200, required=False)
    criteria = forms.CharField(
        label=_("Evaluation criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: the criterion, a semicolon, the most points."),
    )

    def clean_criteria(self) -> list[tuple[str, int]]:
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            name, _sep, most = line.rpartition(";")
            most = parse_id(most.strip())
            if not name.strip() or not most or most > MAX_POINTS:
                raise forms.ValidationError(
                    _("Write each criterion as: the criterion; the most points (1–100).")
                )
            rows.append((name.strip()[:200], most))
        return rows


class TermsView(ActionFormView):
    """What the town's resolution sets for the centre: the hourly rate and the criteria."""

    permission = CHANGE
    form_class = TermsForm
    header_icon = "cog"
    page_title = _("The town's rules for local initiatives")
    submit_button_label = _("Save the rules")
    index_url_name = "mam_local_initiatives:index"
    index_label = _("Local initiatives")

    def prepare(self):
        self.centre = get_object_or_404(self.centres, pk=self.kwargs["centre_pk"])

    def get_initial(self):
        terms = LocalInitiativeTerms.objects.filter(centre=self.centre).first()
        criteria = EvaluationCriterion.objects.filter(centre=self.centre)
        return {
            "hourly_rate": terms.hourly_rate if terms else None,
            "resolution": terms.resolution if terms else "",
            "criteria": "\n".join(f"{c.name}; {c.max_score}" for c in criteria),
        }

    def get_summary(self):
        return [(_("Centre"), self.centre.title)]

    def perform(self, form):
        local.terms_set(centre=self.centre, staff=self.request.user, **form.cleaned_data)
        return gettext("The rules are saved.")


class LocalApplicationAdminViewSet(StaffListingViewSet):
    """Applications of the organiser's centres (not drafts), evaluation, decision, history."""

    model = App
    generic_routes = ("history", "history_results")
    name = "mam_local_initiatives"
    url_prefix = "local-initiatives"
    icon = "doc-full"
    menu_label = _("Local initiatives")
    menu_order = 261
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    history_view_class = ApplicationHistoryView
    filterset_class = ApplicationFilterSet
    list_export = ["title", "centre", "state", "filed_on", "decided_on"]
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")
    registered_codenames = ()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<id:pk>/", EvaluationView.as_view(), name="evaluate"),
            path("<id:pk>/decision/", DecisionView.as_view(), name="decide"),
            path("terms/<id:centre_pk>/", TermsView.as_view(), name="terms"),
        ]
