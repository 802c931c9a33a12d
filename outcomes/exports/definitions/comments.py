"""The comments export: visible comments, authors under a per-consultation pseudonym."""

from __future__ import annotations

from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from outcomes.exports.base import (
    BOOL,
    CHUNK_SIZE,
    DATETIME,
    INT,
    Column,
    Export,
    Options,
    pseudonym,
)
from outcomes.exports.registry import register
from proposals.models import Comment


def _comment_queryset(consultation: ConsultationPage):
    return (
        Comment.objects.filter(
            proposal__consultation=consultation, hidden_at__isnull=True, deleted_at__isnull=True
        )
        .values(
            "pk",
            "proposal_id",
            "proposal__title",
            "parent_id",
            "author_id",
            "is_official",
            "body",
            "created_at",
            "edited_at",
        )
        .order_by("pk")
    )


def _comment_rows(consultation: ConsultationPage, options: Options):
    for comment in _comment_queryset(consultation).iterator(chunk_size=CHUNK_SIZE):
        yield {
            "id": comment["pk"],
            "proposal_id": comment["proposal_id"],
            "proposal": comment["proposal__title"],
            "parent_id": comment["parent_id"],
            "author": pseudonym(comment["author_id"], consultation.pk),
            "official": comment["is_official"],
            "body": comment["body"],
            "created_at": comment["created_at"],
            "edited_at": comment["edited_at"],
        }


register(
    Export(
        name="comments",
        label=lambda: _("Comments"),
        description=lambda: _(
            "Visible comments on the proposals. Authors appear under a pseudonym that stays "
            "the same within this consultation and says nothing about who they are."
        ),
        columns=lambda consultation, options: [
            Column("id", _("ID"), INT, 8),
            Column("proposal_id", _("Proposal ID"), INT, 10),
            Column("proposal", _("Proposal"), width=40),
            Column("parent_id", _("Reply to comment"), INT, 10),
            Column("author", _("Author (pseudonym)"), width=20),
            Column("official", _("Official answer"), BOOL, 10),
            Column("body", _("Comment"), width=60),
            Column("created_at", _("Written"), DATETIME, 18),
            Column("edited_at", _("Edited"), DATETIME, 18),
        ],
        rows=_comment_rows,
        count=lambda consultation, options: _comment_queryset(consultation).count(),
    )
)
