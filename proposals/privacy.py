"""The person's proposals, comments, supports, offers of help and follows in their data download."""

from django.conf import settings
from django.db.models import Prefetch

from accounts.services.privacy import user_data_section, when_iso
from proposals.models import Proposal, ProposalPhoto
from proposals.services.status import proposal_absolute_url


def _absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


@user_data_section("proposals")
def proposals(user) -> list[dict]:
    """Every proposal the person wrote, hidden or withdrawn ones too, with links to its photos."""
    own = (
        Proposal.objects.filter(author=user)
        .select_related("consultation", "category", "district")
        .prefetch_related(Prefetch("photos", queryset=ProposalPhoto.objects.order_by("position")))
        .order_by("created_at", "pk")
    )
    return [
        {
            "consultation": proposal.consultation.title,
            "title": proposal.title,
            "description": proposal.body,
            "category": proposal.category.name if proposal.category else None,
            "place": proposal.place,
            "latitude": str(proposal.latitude) if proposal.latitude is not None else None,
            "longitude": str(proposal.longitude) if proposal.longitude is not None else None,
            "district": proposal.district.name if proposal.district else None,
            "estimated_cost": str(proposal.estimated_cost)
            if proposal.estimated_cost is not None
            else None,
            "status": proposal.status,
            "hidden_by_moderator": proposal.hidden_at is not None,
            "submitted_at": when_iso(proposal.created_at),
            "url": proposal_absolute_url(proposal),
            "photos": [
                {"url": _absolute(photo.image.url), "description": photo.alt_text}
                for photo in proposal.photos.all()
            ],
        }
        for proposal in own
    ]


@user_data_section("comments")
def comments(user) -> list[dict]:
    own = user.comments.select_related("proposal").order_by("created_at", "pk")
    return [
        {
            "proposal": comment.proposal.title,
            "comment": comment.body,
            "reply": comment.parent_id is not None,
            "written_at": when_iso(comment.created_at),
            "edited_at": when_iso(comment.edited_at),
            "deleted_at": when_iso(comment.deleted_at),
            "hidden_by_moderator": comment.hidden_at is not None,
        }
        for comment in own
    ]


@user_data_section("supports")
def supports(user) -> list[dict]:
    own = user.supports.select_related("proposal").order_by("created_at", "pk")
    return [
        {
            "proposal": support.proposal.title,
            "channel": support.channel,
            "supported_at": when_iso(support.created_at),
        }
        for support in own
    ]


@user_data_section("offers_of_help")
def pledges(user) -> list[dict]:
    own = user.pledges.select_related("proposal").order_by("created_at", "pk")
    return [
        {
            "proposal": pledge.proposal.title,
            "how_you_can_help": pledge.note,
            "offered_at": when_iso(pledge.created_at),
        }
        for pledge in own
    ]


@user_data_section("follows")
def follows(user) -> list[dict]:
    own = user.follows.select_related("proposal").order_by("created_at", "pk")
    return [
        {"proposal": follow.proposal.title, "following_since": when_iso(follow.created_at)}
        for follow in own
    ]
