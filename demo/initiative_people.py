"""The people of the demo initiatives: confirmed accounts, verified residents, organisers."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts import roles
from accounts.models import Verification
from accounts.services import residency
from demo.people import DEMO_PASSWORD
from home.models import CentrePage


def _person(email: str, name: str, centre: CentrePage, admin):
    """A confirmed demo account verified as a resident of the centre's town."""
    user = _person_plain(email, name)
    if not Verification.objects.active().filter(user=user).exists():
        residency.verification_grant(
            user=user,
            centre=centre,
            method=Verification.Method.IN_PERSON,
            by=admin,
            note="Konto demonstracyjne",
        )
    return user


def _organiser(centre: CentrePage, short: str):
    user = _person_plain(f"organizator.{short}@mam.example.org", f"Organizatorka – {centre.town}")
    user.groups.add(roles.centre_groups_ensure(centre)[roles.ORGANISER])
    return user


def _person_plain(email: str, name: str):
    """A confirmed demo account (created once, found by its email afterwards)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _neighbours(centre, admin, prefix: str, names: list[str]):
    return [
        _person(f"{prefix}{n}@mam.example.org", name, centre, admin)
        for n, name in enumerate(names, 1)
    ]
