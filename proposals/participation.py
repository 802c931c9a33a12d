"""The person's proposals and the proposals they support, on their own page (accounts)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.participation import LIMIT, Item, Section
from proposals.models import Proposal, Support


@hooks.register("mam_account_participation")
def own_proposals(request) -> Section:
    mine = Proposal.objects.filter(author=request.user)
    rows = mine.select_related("consultation").order_by("-created_at", "-pk")[:LIMIT]
    return Section(
        key="proposals",
        title=_("Your proposals"),
        items=[
            Item(
                title=proposal.title,
                url=proposal.get_absolute_url(request),
                detail=f"{proposal.consultation.title} · {proposal.get_status_display()}",
                when=proposal.created_at,
            )
            for proposal in rows
        ],
        total=mine.count(),
        empty=_("You have not submitted a proposal yet."),
        order=10,
    )


@hooks.register("mam_account_participation")
def supported_proposals(request) -> Section:
    supports = Support.objects.filter(user=request.user, proposal__in=Proposal.objects.visible())
    rows = supports.select_related("proposal__consultation").order_by("-created_at", "-pk")
    return Section(
        key="supports",
        title=_("Proposals you support"),
        items=[
            Item(
                title=support.proposal.title,
                url=support.proposal.get_absolute_url(request),
                detail=support.proposal.get_status_display(),
                when=support.created_at,
            )
            for support in rows[:LIMIT]
        ],
        total=supports.count(),
        empty=_("You do not support any proposal yet."),
        order=20,
    )
