"""The moderation queue: reported contributions of the moderator's centres, one row each."""

from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Max, Min, Q
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import BaseListingView

from accounts.admin.common import CentreScopedMixin, centre_filter
from accounts.admin.moderation.targets import QUEUE, detail_url, preview, report_scope
from accounts.models import Moderatable, Report
from home.models import CentrePage


def _load_targets(keys):
    """Fetch reported contributions with one query per kind, authors included."""
    by_type = defaultdict(set)
    for content_type_id, object_id in keys:
        by_type[content_type_id].add(object_id)
    targets = {}
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        related = [
            f.name
            for f in model._meta.get_fields()
            if f.name == "author" and isinstance(f, models.ForeignKey)
        ]
        for target in model._base_manager.filter(pk__in=ids).select_related(*related):
            targets[(content_type_id, target.pk)] = target
    return targets


@dataclass
class QueueRow:
    content_type_id: int
    object_id: int
    report_count: int
    first_reported: object
    target: object = None
    kind: str = ""
    centre: str = ""
    reasons: list = field(default_factory=list)

    @property
    def url(self):
        return detail_url(self.content_type_id, self.object_id)

    @property
    def preview(self):
        return preview(self.target, 80)

    @property
    def author(self):
        author = getattr(self.target, "moderation_author", None)
        return author.public_name if author else ""

    @property
    def status(self):
        if self.target is None:
            return gettext("deleted")
        return gettext("hidden") if self.target.is_hidden else gettext("visible")

    @property
    def reason_summary(self):
        return ", ".join(f"{label} ({count})" for label, count in self.reasons)


def _kinds():
    """Each kind of contribution that can be reported (comments, proposals), for the filter."""
    models_ = [m for m in apps.get_models() if issubclass(m, Moderatable)]
    types = ContentType.objects.get_for_models(*models_)
    return sorted(
        ((types[m].pk, capfirst(m._meta.verbose_name_plural)) for m in models_),
        key=lambda choice: str(choice[1]),
    )


class ReportFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("Reports"),
        choices=Report.State.choices,
        empty_label=None,
        initial=Report.State.OPEN,
    )
    kind = django_filters.TypedChoiceFilter(
        label=_("Kind"), choices=_kinds, coerce=int, field_name="content_type_id"
    )
    centre = centre_filter(QUEUE)

    class Meta:
        model = Report
        fields = ["state", "kind", "centre"]


class ModerationQueueView(CentreScopedMixin, BaseListingView):
    """Reported contributions, one row each, with how often and why they were reported."""

    permission = QUEUE
    page_title = _("Moderation")
    header_icon = "warning"
    paginate_by = 25
    index_url_name = "mam_moderation:index"
    index_results_url_name = "mam_moderation:index_results"
    filterset_class = ReportFilterSet
    verbose_name = _("reported contribution")
    verbose_name_plural = _("reported contributions")
    default_ordering = "-report_count"

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.verbose_name = self.verbose_name  # rows are contributions, not reports
        paginator.verbose_name_plural = self.verbose_name_plural
        return paginator

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        data.setdefault("state", Report.State.OPEN)  # the queue: what still needs a moderator
        return {**super().get_filterset_kwargs(), "data": data}

    @cached_property
    def reports(self):
        reports = Report.objects.filter(report_scope(self.request.user, self.centres))
        return self.filter_queryset(reports)

    def get_queryset(self):
        grouped = self.reports.values("content_type_id", "object_id").annotate(
            report_count=Count("pk"),
            first_reported=Min("created_at"),
            centre_pk=Max("centre_id"),
        )
        return grouped.order_by(self.ordering, "first_reported", "content_type_id", "object_id")

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = self.decorate(list(rows))
        return paginator, page, page.object_list, is_paginated

    def decorate(self, groups):
        """Turn grouped report counts into rows: the contribution, its centre, the reasons."""
        if not groups:
            return []
        keys = [(group["content_type_id"], group["object_id"]) for group in groups]
        matching = Q()
        for content_type_id, object_id in keys:
            matching |= Q(content_type_id=content_type_id, object_id=object_id)
        reasons = defaultdict(list)
        labels = dict(Report.Reason.choices)
        counted = (
            self.reports.filter(matching)
            .values("content_type_id", "object_id", "reason")
            .annotate(count=Count("pk"))
            .order_by("-count", "reason")
        )
        for item in counted:
            key = (item["content_type_id"], item["object_id"])
            reasons[key].append((labels.get(item["reason"], item["reason"]), item["count"]))
        targets = _load_targets(keys)
        centres = CentrePage.objects.only("title").in_bulk({g["centre_pk"] for g in groups})
        rows = []
        for group, key in zip(groups, keys, strict=True):
            centre = centres.get(group["centre_pk"])
            rows.append(
                QueueRow(
                    content_type_id=key[0],
                    object_id=key[1],
                    report_count=group["report_count"],
                    first_reported=group["first_reported"],
                    target=targets.get(key),
                    kind=capfirst(ContentType.objects.get_for_id(key[0]).name),
                    centre=centre.title if centre else "",
                    reasons=reasons[key],
                )
            )
        return rows

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "preview", label=_("Contribution"), get_url=lambda row: row.url, width="30%"
            ),
            Column("kind", label=_("Kind")),
            Column("author", label=_("Author")),
            Column("centre", label=_("Centre")),
            Column("reason_summary", label=_("Reasons")),
            NumberColumn("report_count", label=_("Reports"), sort_key="report_count"),
            DateColumn("first_reported", label=_("First reported"), sort_key="first_reported"),
            StatusTagColumn("status", label=_("Status")),
        ]
