"""Comments in Wagtail's admin: a listing of one's own centres' comments with open reports.

Read only: hiding and restoring happen in the moderation views (accounts.admin.moderation)."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn

from accounts.admin.common import ScopedIndexView, StaffListingViewSet
from accounts.admin.moderation.targets import QUEUE, detail_url
from accounts.models import Report
from accounts.roles import staff_centres
from consultations.models import ConsultationPage
from home.scope import pages_under
from proposals.models import Comment

VIEW_COMMENT = "proposals.view_comment"


def _consultations(request):
    if request is None:
        return ConsultationPage.objects.none()
    centres = staff_centres(request.user, VIEW_COMMENT)
    return pages_under(ConsultationPage.objects.all(), centres).order_by("title")


def _yes_no(value) -> str:
    return str(_("yes")) if value else str(_("no"))


class CommentFilterSet(WagtailFilterSet):
    consultation = django_filters.ModelChoiceFilter(
        label=_("Consultation"), queryset=_consultations, field_name="proposal__consultation"
    )
    hidden = django_filters.BooleanFilter(
        label=_("Hidden by a moderator"), field_name="hidden_at", lookup_expr="isnull", exclude=True
    )
    reported = django_filters.BooleanFilter(label=_("Has open reports"), method="filter_reported")
    is_official = django_filters.BooleanFilter(label=_("Official answer"))

    class Meta:
        model = Comment
        fields = ["consultation", "hidden", "reported", "is_official"]

    def filter_reported(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(open_reports__gt=0) if value else queryset.filter(open_reports=0)


class CommentIndexView(ScopedIndexView):
    permission = VIEW_COMMENT
    page_prefix = "proposal__consultation__"
    page_title = _("Comments")
    search_backend_name = None  # plain database search in the body

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        reports = (
            Report.objects.open()
            .filter(content_type=self.content_type, object_id=OuterRef("pk"))
            .order_by()
            .values("object_id")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return (
            queryset.select_related("author", "proposal__consultation")
            .annotate(
                open_reports=Coalesce(Subquery(reports, output_field=IntegerField()), Value(0))
            )
            .order_by("-created_at", "-pk")
        )

    @cached_property
    def content_type(self):
        return ContentType.objects.get_for_model(Comment)

    def get_edit_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if self.request.user.has_perm(QUEUE):
            buttons.append(
                MenuItem(
                    _("Moderate"),
                    detail_url(self.content_type.pk, instance.pk),
                    icon_name="warning",
                    priority=10,
                )
            )
        public = instance.proposal.get_absolute_url(self.request)
        buttons.append(MenuItem(_("Open the proposal"), public, icon_name="link", priority=20))
        return buttons

    @cached_property
    def columns(self):
        excerpt = self.title_column  # carries the row's buttons
        return [
            excerpt(
                "body",
                label=_("Comment"),
                accessor=lambda c: Truncator(c.body).chars(100),
                get_url=lambda c: None,
            ),
            Column("proposal", label=_("Proposal"), accessor="proposal.title"),
            Column("author", label=_("Author"), accessor="author.public_name"),
            DateColumn("created_at", label=_("Written"), sort_key="created_at"),
            Column("is_official", label=_("Official"), accessor=lambda c: _yes_no(c.is_official)),
            Column("hidden", label=_("Hidden"), accessor=lambda c: _yes_no(c.is_hidden)),
            NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        ]


class CommentViewSet(StaffListingViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 241  # just after Proposals
    add_to_admin_menu = True
    url_prefix = "proposal-comments"
    index_view_class = CommentIndexView
    filterset_class = CommentFilterSet
    search_fields = ["body"]
    inspect_view_enabled = False
    # The permissions are registered in wagtail_hooks with the proposal permissions.
    disabled_url_names = ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name")

    def register_admin_url_finder(self):
        """No edit view: the moderation detail is where a comment is acted on."""
