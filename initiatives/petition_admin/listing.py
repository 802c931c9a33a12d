"""The centre's petitions in the admin: the listing with its filters and the history."""

import django_filters
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton

from accounts.admin.common import (
    ScopedHistoryView,
    ScopedIndexView,
    centre_filter,
)
from accounts.roles import staff_centres
from initiatives.models import Petition

VIEW = "initiatives.view_initiative"
CHANGE = "initiatives.change_initiative"

PETITION_LOG_ACTIONS = [
    ("mam.petition.committee", _("Committee member"), _("Committee member added by staff")),
    ("mam.petition.sheet_count", _("Sheet count"), _("Valid signatures of a sheet entered")),
    ("mam.petition.filed", _("Filed"), _("Petition filed")),
    (
        "mam.petition.filed_below_threshold",
        _("Filed below the threshold"),
        _("Draft resolution filed below its signature threshold (art. 41a), as confirmed"),
    ),
    (
        "mam.petition.extended",
        _("Deadline extended"),
        _(
            "Petition's deadline extended by its addressee "
            "(art. 10 ust. 2 of the ustawa o petycjach)"
        ),
    ),
    ("mam.petition.decided", _("Decision"), _("Decision on the petition recorded")),
    ("mam.petition.rules", _("Signature threshold"), _("Town's signature threshold changed")),
]


# Petition.below_threshold as a query: a draft resolution filed with fewer confirmed
# signatures than its art. 41a threshold (the organiser confirmed filing it anyway).
BELOW_THRESHOLD = Q(
    kind=Petition.Kind.RESOLUTION,
    filed_signatures__isnull=False,
    filed_signatures__lt=F("signatures_required"),
)


class PetitionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label=_("State"), choices=Petition.State.choices)
    below_threshold = django_filters.BooleanFilter(
        label=_("Filed below the threshold"), method="filter_below_threshold"
    )
    centre = centre_filter(VIEW)

    class Meta:
        model = Petition
        fields = ["state", "centre"]

    def filter_below_threshold(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(BELOW_THRESHOLD) if value else queryset.exclude(BELOW_THRESHOLD)


class PetitionIndexView(ScopedIndexView):
    permission = VIEW
    page_title = _("Petitions")
    manage_url_name = "mam_petitions:manage"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("centre", "initiative")

    def get_edit_url(self, instance):
        if self.request.user.has_perm(CHANGE):
            return reverse(self.manage_url_name, args=[instance.pk])
        return None

    def get_delete_url(self, instance):
        return None

    @cached_property
    def header_buttons(self):
        """The town's signature threshold, one button per centre the user may change."""
        if not self.request.user.has_perm(CHANGE):
            return []
        centres = staff_centres(self.request.user, CHANGE).order_by("title")
        return [
            HeaderButton(
                gettext("Signature threshold: %(centre)s") % {"centre": centre.title},
                url=reverse("mam_petitions:rules", args=[centre.pk]),
                icon_name="cog",
            )
            for centre in centres
        ]

    def get_list_more_buttons(self, instance):
        return self.edit_and_history_buttons(instance, _("Sheet counts"))

    @cached_property
    def columns(self):
        title = self.title_column
        today = timezone.localdate()
        return [
            title(
                "title",
                label=_("Title"),
                sort_key="title",
                get_url=lambda p: self.get_edit_url(p) or "",
            ),
            Column("initiative", label=_("Initiative"), accessor="initiative.title"),
            Column("centre", label=_("Centre"), accessor="centre.title"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor="get_state_display",
                sort_key="state",
                primary=lambda p: p.is_overdue(today),
            ),
            Column("paper_signatures", label=_("Signatures on paper")),
            Column(  # fixed when published: a draft's shows on its screen
                "signatures_required",
                label=_("Required"),
                accessor=lambda p: p.signatures_required or "—",
            ),
            Column("supporters_count", label=_("Online supporters")),
            DateColumn("deadline", label=_("Deadline")),
            Column(
                "below_threshold",
                label=_("Filed below the threshold"),
                accessor=lambda p: gettext("Yes") if p.below_threshold else "",
            ),
        ]


class PetitionHistoryView(ScopedHistoryView):
    permission = VIEW
