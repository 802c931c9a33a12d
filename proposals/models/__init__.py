"""Residents' proposals and everything that hangs off them.

The proposal itself (with its photos and status history) is in proposals.py, what residents
do with it (supports, pledges, follows, comments) in engagement.py; every model is imported
here, so `proposals.models.X` keeps working."""

from proposals.models.engagement import (
    COMMENT_MAX,
    OFFER_NOTE_MAX,
    Comment,
    CommentQuerySet,
    Follow,
    Pledge,
    Support,
)
from proposals.models.proposals import (
    BODY_MAX,
    TITLE_MAX,
    Proposal,
    ProposalPhoto,
    ProposalQuerySet,
    StatusChange,
)

__all__ = [
    "BODY_MAX",
    "COMMENT_MAX",
    "OFFER_NOTE_MAX",
    "TITLE_MAX",
    "Comment",
    "CommentQuerySet",
    "Follow",
    "Pledge",
    "Proposal",
    "ProposalPhoto",
    "ProposalQuerySet",
    "StatusChange",
    "Support",
]
