"""Demo districts, role groups and one account per role and centre, so every role can be tried."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts import roles
from accounts.models import Verification
from accounts.services import residency
from home.models import CentrePage, District

# The documented password of every demo account except the administrator (README.md).
DEMO_PASSWORD = "mam-demo-konto-2026"  # noqa: S105

DISTRICTS = {
    "nowy-sacz": ["Centrum", "Zawada", "Wólki", "Gołąbkowice", "Piątkowa", "Helena", "Millenium"],
    "chrzanow": ["Śródmieście", "Kąty", "Kościelec", "Stara Huta", "Borowiec", "Północ"],
}

STAFF = [
    (roles.MODERATOR, "moderator", "Moderator"),
    (roles.OFFICIAL, "urzednik", "Urzędnik"),
    (roles.EDITOR, "redakcja", "Redakcja"),
]


def _confirmed_user(email: str, display_name: str, created: list) -> object:
    """Find or create an account whose email is already confirmed, so it can log in at once."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, display_name=display_name
        )
        created.append(email)
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(roles.global_groups_ensure()["residents"])
    return user


def ensure_districts(centre: CentrePage, user) -> None:
    """Add the demo districts through a revision, so the page editor keeps them."""
    names = DISTRICTS.get(centre.slug, [])
    if not names or centre.districts.exists():
        return
    centre.districts = [District(name=name) for name in names]
    centre.save_revision(user=user).publish(user=user)


def ensure_people(admin) -> list[str]:
    """Role groups for each centre and the demo accounts; returns the emails created."""
    created: list[str] = []
    groups = roles.global_groups_ensure()
    admin.groups.add(groups["administrators"])
    EmailAddress.objects.get_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    centres = {centre.slug: centre for centre in CentrePage.objects.live()}
    for slug, centre in centres.items():
        ensure_districts(centre, admin)
        centre_groups = roles.centre_groups_ensure(centre)
        short = slug.replace("-", "")
        for role, prefix, label in STAFF:
            user = _confirmed_user(
                f"{prefix}.{short}@mam.example.org", f"{label} – {centre.town}", created
            )
            user.groups.add(centre_groups[role])

    nowy_sacz = centres.get("nowy-sacz")
    verified = _confirmed_user("mieszkanka@mam.example.org", "Sąsiadka z Zawady", created)
    unverified = _confirmed_user("mieszkaniec@mam.example.org", "Pan Józef", created)
    if nowy_sacz is not None:
        if not Verification.objects.filter(user=verified).exists():
            residency.verification_grant(
                user=verified,
                centre=nowy_sacz,
                method=Verification.Method.IN_PERSON,
                by=admin,
                note="Konto demonstracyjne",
            )
        if not unverified.residency_declarations.exists():
            residency.declaration_submit(
                user=unverified,
                centre=nowy_sacz,
                first_name="Józef",
                last_name="Przykładowy",
                street_address="ul. Przykładowa 7/3",
            )
    return created


def demo_logins() -> list[tuple[str, str]]:
    """(who, email) for the printed summary and the README."""
    rows = []
    for centre in CentrePage.objects.live().order_by("path"):
        short = centre.slug.replace("-", "")
        for _, prefix, label in STAFF:
            rows.append((f"{label} – {centre.town}", f"{prefix}.{short}@mam.example.org"))
        # Reviews residents' initiatives (demo/initiatives.py).
        rows.append((f"Organizatorka – {centre.town}", f"organizator.{short}@mam.example.org"))
        # A confirmed organisation that books rooms (demo/rooms.py).
        rows.append(
            (f"Fundacja Razem (organizacja) – {centre.town}", f"fundacja.{short}@mam.example.org")
        )
    rows.append(("Mieszkanka (zweryfikowana, Nowy Sącz)", "mieszkanka@mam.example.org"))
    rows.append(("Mieszkaniec (deklaracja czeka na sprawdzenie)", "mieszkaniec@mam.example.org"))
    rows.append(("Koordynatorka inicjatywy (maszt, Nowy Sącz)", "anna.maszt@mam.example.org"))
    return rows
