"""Residents' initiatives in the public API: serializers (what is read) and the viewset (the
routes and the writes through the services). The old `initiatives.api` names stay here."""

from initiatives.api.serializers import (
    ActionSerializer,
    InitiativeDetailSerializer,
    InitiativeSerializer,
    JoinSerializer,
    LinkedActivitySerializer,
    LocalApplicationSerializer,
    MembershipSerializer,
    NeedSerializer,
    SignUpSerializer,
    UpdateSerializer,
    _initiative_url,
)
from initiatives.api.views import InitiativeFilter, InitiativeViewSet, public_initiatives

__all__ = [
    "ActionSerializer",
    "InitiativeDetailSerializer",
    "InitiativeFilter",
    "InitiativeSerializer",
    "InitiativeViewSet",
    "JoinSerializer",
    "LinkedActivitySerializer",
    "LocalApplicationSerializer",
    "MembershipSerializer",
    "NeedSerializer",
    "SignUpSerializer",
    "UpdateSerializer",
    "_initiative_url",
    "public_initiatives",
]
