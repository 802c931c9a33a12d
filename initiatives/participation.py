"""The groups a person is in and the petitions they support, on their own page (accounts)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from accounts.participation import LIMIT, Item, Section
from initiatives.models import Membership, PetitionSupport


def _membership_text(membership: Membership) -> str:
    parts = [membership.initiative.get_state_display(), membership.get_kind_display()]
    if membership.role:
        parts.append(membership.get_role_display())
    return " · ".join(str(part) for part in parts)


@hooks.register("mam_account_participation")
def own_initiatives(request) -> Section:
    memberships = Membership.objects.filter(user=request.user)
    rows = memberships.select_related("initiative__index").order_by("-created_at", "-pk")
    return Section(
        key="initiatives",
        title=_("Your initiatives"),
        items=[
            Item(
                title=membership.initiative.title,
                url=membership.initiative.get_absolute_url(request),
                detail=_membership_text(membership),
                when=membership.created_at,
            )
            for membership in rows[:LIMIT]
        ],
        total=memberships.count(),
        empty=_("You have not joined or followed a residents' initiative yet."),
        order=30,
    )


@hooks.register("mam_account_participation")
def supported_petitions(request) -> Section | None:
    supports = PetitionSupport.objects.filter(user=request.user)
    rows = list(
        supports.select_related("petition__initiative__index").order_by("-created_at", "-pk")[
            :LIMIT
        ]
    )
    if not rows:
        return None  # petitions are rarer than the rest: no empty section for them
    return Section(
        key="petitions",
        title=_("Petitions you support"),
        items=[
            Item(
                title=support.petition.title,
                url=support.petition.initiative.index.sub_url(
                    "petition", request=request, pk=support.petition.initiative_id
                ),
                detail=support.petition.initiative.title,
                when=support.created_at,
            )
            for support in rows
        ],
        total=supports.count(),
        order=35,
    )
