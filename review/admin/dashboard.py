"""The dashboard's "Appeals for your decision": the appeals waiting for the decision of an
appeal body the user sits on (an official or a member who is not one), with the project, the
centre and consultation, the due date and an overdue marker. Nothing for anyone on no body."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from consultations.models import ConsultationPage
from home.models import CentrePage
from review.models import Appeal, ReviewSetup
from review.services import DECIDE_PERMISSION

LIMIT = 20


@dataclass(frozen=True)
class Row:
    appeal: Appeal
    centre: str
    url: str
    overdue: bool


def _centre_titles(consultations: list[ConsultationPage]) -> dict[int, str]:
    """Each consultation's centre title, in one query: the centres among their ancestors."""
    step = ConsultationPage.steplen
    ancestors = {c.path[:end] for c in consultations for end in range(step, len(c.path), step)}
    centres = dict(CentrePage.objects.filter(path__in=ancestors).values_list("path", "title"))
    titles = {}
    for consultation in consultations:
        found = [path for path in centres if consultation.path.startswith(path)]
        titles[consultation.pk] = centres[max(found, key=len)] if found else ""
    return titles


def body_appeal_rows(user, *, today=None) -> list[Row] | None:
    """The undecided appeals of the consultations whose appeal body `user` sits on, due
    first (at most LIMIT); None when they sit on no body."""
    if not user.has_perm(DECIDE_PERMISSION):  # every body's members hold it (appeal_access)
        return None
    bodies = list(
        ReviewSetup.objects.filter(appeal_body_members=user.pk).values_list(
            "consultation_id", flat=True
        )
    )
    if not bodies:
        return None
    appeals = list(
        Appeal.objects.filter(decision="", review__proposal__consultation_id__in=bodies)
        .select_related("review__proposal__consultation")
        .order_by("decide_by", "pk")[:LIMIT]
    )
    titles = _centre_titles([appeal.review.proposal.consultation for appeal in appeals])
    today = today or timezone.localdate()
    return [
        Row(
            appeal=appeal,
            centre=titles[appeal.review.proposal.consultation_id],
            url=reverse("mam_reviews:appeal", args=[appeal.review_id]),
            overdue=appeal.is_overdue(today),
        )
        for appeal in appeals
    ]


class BodyAppealsPanel(Component):
    """The appeals waiting for the user's appeal body, first on the dashboard: for a member
    who is not an official it is the dashboard."""

    name = "mam_body_appeals"
    order = 40
    template_name = "review/admin/dashboard_appeals.html"

    def __init__(self, rows: list[Row]):
        self.rows = rows

    def get_context_data(self, parent_context=None):
        return {
            "rows": self.rows,
            "limited": len(self.rows) >= LIMIT,
            "appeals_url": reverse("mam_reviews:appeals"),
        }
