"""The Nowy Sącz mast initiative's draft council resolution (art. 41a), built through the
services: a committee of six, 180 confirmed paper signatures of 300 (one sheet still waiting
for agreeing counts), 95 online supporters (60 of them verified residents). Still collecting:
with 180 of 300 it cannot be filed yet (art. 41a ust. 2 asks the threshold).
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import Verification
from initiatives.models import Membership, PetitionRules
from initiatives.services import petitions

NOWY_SACZ_POPULATION = 83_000  # above 20,000: the default threshold is 300
COMMITTEE_NAMES = ["Anna Zawadzka", "Marek Wójcik", "Ewa Górska", "Paweł Nowak", "Krystyna Łącka"]
ONLINE = 95
ONLINE_VERIFIED = 60
FIRST_NAMES = ["Ola", "Jan", "Zosia", "Piotr", "Basia", "Tomek", "Kasia", "Łukasz", "Ania", "Józef"]
SHEETS_CONFIRMED = 15  # 15 sheets × 12 valid signatures = 180


def _online_supporters(centre, admin, now):
    User = get_user_model()
    people = []
    for n in range(1, ONLINE + 1):
        email = f"maszt.poparcie.{n}@mam.example.org"
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} z Zawady {n}"
            user = User.objects.create_user(email=email, password=None, display_name=name)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if n <= ONLINE_VERIFIED and not Verification.objects.filter(user=user).exists():
            Verification.objects.create(
                user=user, centre=centre, method=Verification.Method.IN_PERSON, verified_by=admin
            )
        people.append(user)
    return people


def mast_petition(*, initiative, coordinator, organiser, second_staff, admin, now) -> None:
    centre = initiative.centre
    PetitionRules.objects.get_or_create(
        centre=centre, defaults={"population": NOWY_SACZ_POPULATION}
    )
    members = Membership.objects.filter(initiative=initiative, kind=Membership.Kind.MEMBER)
    for seat, name in zip(members.order_by("pk"), COMMITTEE_NAMES, strict=False):
        petitions.committee_invite(initiative=initiative, coordinator=coordinator, member=seat)
        petitions.committee_consent(
            initiative=initiative,
            user=seat.user,
            full_name=name,
            show_name=seat.user_id == coordinator.pk or seat.show_name,
            now=now - datetime.timedelta(days=35),
        )
    petitions.committee_record(
        initiative=initiative,
        staff=organiser,
        full_name="Tadeusz Mróz",
        consent=True,
        now=now - datetime.timedelta(days=34),
    )
    petition = petitions.petition_prepare(
        initiative=initiative,
        user=coordinator,
        kind="resolution",
        addressee="council",
        title="Uchwała w sprawie zasad lokalizacji masztów telefonii komórkowej w pobliżu szkół "
        "i przedszkoli w Nowym Sączu",
        text="§ 1. Rada Miasta Nowego Sącza zwraca się do Prezydenta Miasta o konsultowanie z "
        "mieszkańcami każdej lokalizacji masztu telefonii komórkowej położonej bliżej niż 300 m "
        "od szkoły lub przedszkola.\n\n"
        "§ 2. Wykonanie uchwały powierza się Prezydentowi Miasta.\n\n"
        "§ 3. Uchwała wchodzi w życie z dniem podjęcia.\n\n"
        "Uzasadnienie: mieszkańcy Zawady dowiedzieli się o maszcie przy Szkole Podstawowej "
        "nr 12 dopiero z ogrodzenia placu budowy. Chcemy, by takie decyzje zapadały po "
        "rozmowie z sąsiadami szkoły.",
    )
    petition = petitions.petition_publish(
        petition=petition, user=coordinator, now=now - datetime.timedelta(days=33)
    )
    for user in _online_supporters(centre, admin, now):
        petitions.petition_support(petition=petition, user=user, now=now)
    petitions.sheets_print(petition=petition, user=coordinator, count=SHEETS_CONFIRMED + 1)
    for number in range(1, SHEETS_CONFIRMED + 1):
        for staff in (organiser, second_staff):
            petitions.sheet_count_enter(petition=petition, staff=staff, number=number, count=12)
    # The last sheet shows a mismatch in the admin: two counts that do not agree yet.
    last = SHEETS_CONFIRMED + 1
    petitions.sheet_count_enter(petition=petition, staff=organiser, number=last, count=9)
    petitions.sheet_count_enter(petition=petition, staff=second_staff, number=last, count=10)
