"""Demo partners: four partner organisations and groups per centre (`<centre>/partnerzy/`).

Some agree to show every contact, some only a website; the foundation, whose confirmed
organisation account (foundation_account) books rooms and runs a workshop, may propose
changes to its own entry, and one change waits for the centre's staff. A rerun adds what
is missing (the index, a partner by its name) and leaves the rest as the centre's staff
keep it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.services import residency
from demo.people import _confirmed_user
from home.models import CentrePage
from partners import services
from partners.models import Kind, Partner, PartnerIndexPage

LEGAL_AID = "Stowarzyszenie Pomocy Prawnej „Paragraf”"
REPAIR_CAFE = "Kawiarenka Naprawcza"
FOUNDATION = "Fundacja Razem"  # its organisation account runs a workshop (demo/events.py)


def _partners(centre: CentrePage) -> list[dict]:
    town = centre.town
    short = centre.slug.replace("-", "")
    return [
        {
            "name": LEGAL_AID,
            "kind": Kind.NGO,
            "description": "Bezpłatne porady prawne dla mieszkańców: sprawy mieszkaniowe, "
            "sąsiedzkie, rodzinne i konsumenckie. Dyżur w centrum co tydzień w czwartek.",
            "website": "https://paragraf.example.org",
            "email": f"porady.{short}@paragraf.example.org",
            "email_public": True,
            "phone": "+48 500 100 200",
            "phone_public": True,
            "address": f"ul. Kościuszki 12, {town}",
            "address_public": True,
        },
        {
            "name": FOUNDATION,
            "kind": Kind.NGO,
            "description": "Wspieramy sąsiedzkie inicjatywy: pomagamy napisać wniosek, "
            "znaleźć salę i partnerów, rozliczyć mały grant.",
            "website": "https://razem.example.org",
            "email": f"fundacja.{short}@mam.example.org",
            "email_public": True,
            "phone": "+48 600 300 400",  # private: only the centre calls it
            "account": f"fundacja.{short}@mam.example.org",
        },
        {
            "name": REPAIR_CAFE,
            "kind": Kind.GROUP,
            "description": "Grupa sąsiadów, którzy raz w tygodniu pomagają naprawić "
            "drobny sprzęt, rower czy ubranie, zamiast je wyrzucać.",
            "email": f"naprawiamy.{short}@example.org",  # private: contact through the desk
        },
        {
            "name": f"Klub Seniora „Pogodna Jesień” {town}",
            "kind": Kind.GROUP,
            "description": "Spotkania, wycieczki i wspólne śpiewanie. Zapraszamy seniorów "
            "w każdą środę po południu.",
            "phone": "+48 18 444 55 66",
            "phone_public": True,
            "address": f"ul. Zielona 3, {town}",  # private: a member's flat
        },
    ]


def partners_by_name(centre: CentrePage) -> dict[str, Partner]:
    return {partner.name: partner for partner in Partner.objects.filter(centre=centre)}


def _index(centre: CentrePage, admin) -> PartnerIndexPage:
    index = PartnerIndexPage.objects.child_of(centre).first()
    if index is None:
        index = PartnerIndexPage(
            title="Partnerzy",
            slug="partnerzy",
            intro="Organizacje i grupy, z którymi centrum działa na co dzień. Odezwij się do "
            "nich albo zapytaj o nie w recepcji.",
            owner=admin,
        )
        centre.add_child(instance=index)
        index.save_revision(user=admin).publish(user=admin)
    return index


def foundation_account(centre: CentrePage, admin):
    """The foundation's confirmed organisation account in `centre` (made once): it is named on
    the foundation's entry, books rooms (demo/rooms.py) and runs a workshop (demo/events.py)."""
    short = centre.slug.replace("-", "")
    account = _confirmed_user(f"fundacja.{short}@mam.example.org", FOUNDATION, [])
    if not account.organisation_confirmed_at:
        account.organisation_name = f"{FOUNDATION} – {centre.town}"
        account.save(update_fields=["organisation_name"])
        residency.organisation_confirm(user=account, by=admin)
    return account


def ensure_partners(admin) -> int:
    """Give each centre its partners index and those of its four partners that are missing
    (found by name, the entry's natural key in its centre); return how many were added. An
    entry that exists is left as the centre's staff keep it."""
    User = get_user_model()
    made = 0
    for centre in CentrePage.objects.live().order_by("path"):
        _index(centre, admin)
        foundation = foundation_account(centre, admin)
        existing = set(Partner.objects.filter(centre=centre).values_list("name", flat=True))
        for number, spec in enumerate(_partners(centre)):
            if spec["name"] in existing:
                continue
            spec = dict(spec)
            account = spec.pop("account", None)
            partner = Partner.objects.create(centre=centre, sort_order=number, **spec)
            user = User.objects.filter(email=account).first() if account else None
            if user is not None and user.organisation_confirmed_at:
                partner.accounts.add(user)
                services.partner_change_submit(
                    partner=partner,
                    user=user,
                    data={
                        "description": partner.description
                        + " W tym roku prowadzimy też szkolenia z pisania wniosków.",
                        "phone_public": True,
                    },
                )
            made += 1
        # An older demo made the entry before the account existed: name the account on it.
        for partner in Partner.objects.filter(centre=centre, name=FOUNDATION):
            partner.accounts.add(foundation)
    return made
