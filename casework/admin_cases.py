"""Cases in Wagtail's admin: the centre's cases, "my cases", overdue work, and the routes of
the screens on one case (casework/admin_case_actions.py: assigning a proposal, reassigning,
marking done, and a proposal's case file with its internal notes)."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.admin.common import (
    CentreScopedMixin,
    ScopedIndexView,
    StaffListingViewSet,
)
from accounts.roles import staff_centres
from casework import selectors, services
from casework.admin_case_actions import AssignView, CaseFileView, DoneView, ReassignView
from casework.models import Assignment, Department

OFFICIALS = services.OFFICIALS
STAFF = services.STAFF


class StaffPolicy(BasePermissionPolicy):
    """Cases need the staff's right to see proposals; the centre is each view's scope."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.has_perm(STAFF))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)


register_permission_policy(Assignment, StaffPolicy(Assignment))


def _departments(request):
    if request is None:
        return Department.objects.none()
    return Department.objects.filter(centre__in=staff_centres(request.user, STAFF))


class AssignmentFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[("open", _("open")), ("overdue", _("overdue")), ("done", _("done"))],
        method="filter_state",
    )
    department = django_filters.ModelChoiceFilter(label=_("Department"), queryset=_departments)

    class Meta:
        model = Assignment
        fields = ["state", "department"]

    def filter_state(self, queryset, name, value):
        if value == "open":
            return queryset.open()
        if value == "overdue":
            return queryset.overdue(timezone.localdate())
        if value == "done":
            return queryset.filter(done_at__isnull=False)
        return queryset


class AssignmentIndexView(ScopedIndexView):
    permission = STAFF
    page_title = _("Cases of the centre")

    def get_base_queryset(self):
        return self.scope(super().get_base_queryset()).select_related(
            "proposal", "department", "person"
        )

    def scope(self, queryset):
        return queryset

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_page_subtitle(self):
        count = self.scope(Assignment.objects.filter(centre__in=self.centres)).open().count()
        return ngettext("%(count)d open case", "%(count)d open cases", count) % {"count": count}

    def state(self, case) -> str:
        if case.is_done:
            return gettext("done")
        if case.due_date < self.today:
            return gettext("overdue")
        return gettext("open")

    def get_edit_url(self, instance):
        return reverse("mam_cases:edit", args=[instance.pk])

    def paginate_queryset(self, queryset, page_size):
        """Say what each case of the page is about, in a few queries for the whole page."""
        paginator, page, cases, is_paginated = super().paginate_queryset(queryset, page_size)
        cases = list(cases)
        found = selectors.subjects(cases)
        for case in cases:
            case.subject = found[case.pk]
        if page is not None:
            page.object_list = cases
        return paginator, page, cases, is_paginated

    def get_list_more_buttons(self, instance):
        buttons = [
            MenuItem(
                _("Case file and internal notes"),
                reverse("mam_cases:file", args=[instance.proposal_id]),
                icon_name="clipboard-list",
                priority=10,
            )
        ]
        if not instance.is_done and self.request.user.has_perm(OFFICIALS):
            for name, label, icon in [
                ("edit", _("Reassign"), "edit"),
                ("done", _("Mark done"), "success"),
            ]:
                url = reverse(f"mam_cases:{name}", args=[instance.pk])
                buttons.append(MenuItem(label, url, icon_name=icon, priority=20))
        return buttons

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "proposal",
                label=_("Proposal"),
                accessor="proposal.title",
                get_url=lambda case: reverse("mam_cases:file", args=[case.proposal_id]),
            ),
            Column("subject", label=pgettext_lazy("case", "Subject")),
            Column("assignee", label=_("Assigned to")),
            DateColumn("due_date", label=_("Due date"), sort_key="due_date"),
            Column("state", label=_("State"), accessor=self.state),
            Column("note", label=_("Note")),
        ]


class MyCasesView(AssignmentIndexView):
    page_title = _("My cases")

    def scope(self, queryset):
        return queryset.of_person(self.request.user).open()


class OverdueView(CentreScopedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Everything past its date: cases, forwardings to outside bodies, and what apps above
    casework report through the `mam_overdue_cases` hook (review's appeals)."""

    permission = STAFF
    template_name = "casework/admin/overdue.html"
    page_title = _("Overdue")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        cases = selectors.overdue_cases(self.centres, today)
        forwardings = selectors.overdue_forwardings(self.centres, today)
        sections = [
            section
            for hook in hooks.get_hooks("mam_overdue_cases")
            if (section := hook(self.centres, today))
        ]
        total = len(cases) + len(forwardings) + sum(len(s["rows"]) for s in sections)
        context.update(
            cases=cases,
            forwardings=forwardings,
            sections=sections,
            today=today,
            summary=ngettext(
                "%(count)d matter is past its date.",
                "%(count)d matters are past their date.",
                total,
            )
            % {"count": total},
        )
        return context


class AssignmentViewSet(StaffListingViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Cases of the centre")
    menu_order = 10
    url_prefix = "cases"
    index_view_class = AssignmentIndexView
    filterset_class = AssignmentFilterSet
    inspect_view_enabled = False
    disabled_url_names = ("add_url_name", "delete_url_name", "usage_url_name", "history_url_name")

    def mine_kwargs(self, **kwargs):
        return {
            **self.get_index_view_kwargs(),
            "index_url_name": self.get_url_name("mine"),
            "index_results_url_name": self.get_url_name("mine_results"),
            **kwargs,
        }

    @cached_property
    def mine_view(self):
        return self.construct_view(MyCasesView, **self.mine_kwargs())

    @cached_property
    def mine_results_view(self):
        return self.construct_view(MyCasesView, **self.mine_kwargs(results_only=True))

    generic_routes = ("edit",)

    @property
    def edit_view(self):
        """Wagtail's `edit/<pk>/` route, answered by our view: reassigning is what edits a case."""
        return ReassignView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("mine/", self.mine_view, name="mine"),
            path("mine/results/", self.mine_results_view, name="mine_results"),
            path("overdue/", OverdueView.as_view(), name="overdue"),
            path("assign/<id:pk>/", AssignView.as_view(), name="assign"),
            path("done/<id:pk>/", DoneView.as_view(), name="done"),
            path("proposal/<id:pk>/", CaseFileView.as_view(), name="file"),
        ]

    def register_admin_url_finder(self):
        """The reassign screen is the case's edit URL; no finder needed."""
