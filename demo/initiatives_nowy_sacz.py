"""Nowy Sącz's demo initiatives: a group against a transmitter mast near a school (with its
petition toward a council resolution), and neighbours greening a courtyard (with a local
initiative application).
"""

import datetime
from decimal import Decimal

from accounts import roles
from demo.initiative_people import _neighbours, _person, _person_plain
from demo.petitions import mast_petition
from initiatives.models import (
    EvaluationCriterion,
    LocalInitiativeApplication,
    LocalInitiativeTerms,
)
from initiatives.services import actions, membership, needs, starting, updates
from initiatives.services import local_initiative as local


def _mast(index, organiser, admin, now) -> None:
    centre = index.centre
    coordinator = _person("anna.maszt@mam.example.org", "Anna z Zawady", centre, admin)
    initiative = starting.initiative_start(
        index=index,
        user=coordinator,
        title="Nie dla masztu przy Szkole Podstawowej nr 12",
        issue="Operator chce postawić maszt telefonii komórkowej 40 metrów od boiska szkoły "
        "na Zawadzie. Rodzice i sąsiedzi nie zostali zapytani o zdanie, a decyzja zapadła "
        "bez spotkania z mieszkańcami.",
        goal="Chcemy, żeby maszt stanął dalej od szkoły i domów, a miasto przed każdą taką "
        "decyzją pytało mieszkańców. Przygotowujemy projekt uchwały rady miasta.",
        place="ul. Zawadzka, przy Szkole Podstawowej nr 12",
        latitude=None,
        longitude=None,
        show_name=True,
        now=now - datetime.timedelta(days=40),
    )
    starting.initiative_approve(
        initiative=initiative, organiser=organiser, now=now - datetime.timedelta(days=39)
    )
    people = _neighbours(centre, admin, "maszt.", ["Marek", "Ewa", "Paweł", "Krystyna"])
    for n, person in enumerate(people):
        membership.initiative_join(
            initiative=initiative, user=person, kind="member", show_name=n % 2 == 0
        )
    supporters = _neighbours(centre, admin, "maszt.wspiera.", ["Olga", "Jan", "Zofia"])
    for person in supporters:
        membership.initiative_join(initiative=initiative, user=person, kind="supporter")
    _mast_story(initiative, coordinator, now)
    second_staff = _person_plain("organizator2.nowysacz@mam.example.org", "Pracownik centrum")
    second_staff.groups.add(roles.centre_groups_ensure(centre)[roles.ORGANISER])
    mast_petition(
        initiative=initiative,
        coordinator=coordinator,
        organiser=organiser,
        second_staff=second_staff,
        admin=admin,
        now=now,
    )


def _mast_story(initiative, coordinator, now) -> None:
    """What the mast group needs, did and told its people."""
    needs.need_post(
        initiative=initiative,
        user=coordinator,
        title="5 osób do rozdawania ulotek przed szkołą",
        wanted=5,
        starts_at=(now + datetime.timedelta(days=5)).replace(hour=9, minute=0, second=0),
        place="Brama Szkoły Podstawowej nr 12",
        details="Ulotki z zaproszeniem na spotkanie z prezydentem miasta.",
    )
    needs.need_post(
        initiative=initiative,
        user=coordinator,
        title="Porada prawnika o prawie budowlanym",
        wanted=1,
        details="Szukamy kogoś, kto pomoże nam przeczytać decyzję o pozwoleniu na budowę.",
    )
    actions.action_record(
        initiative=initiative,
        user=coordinator,
        kind="letter",
        title="Pismo do prezydenta miasta w sprawie lokalizacji masztu",
        date=(now - datetime.timedelta(days=30)).date(),
        result="Urząd odpowiedział, że sprawdzi decyzję i zaprosił nas na spotkanie.",
    )
    actions.action_record(
        initiative=initiative,
        user=coordinator,
        kind="meeting",
        title="Spotkanie z zastępcą prezydenta w centrum MAM",
        date=(now - datetime.timedelta(days=12)).date(),
        result="Przyszło 46 osób. Zastępca prezydenta obiecał analizę innych lokalizacji.",
    )
    updates.update_post(
        initiative=initiative,
        user=coordinator,
        body="Dziękujemy za 46 osób na spotkaniu! Urząd ma do końca miesiąca przedstawić "
        "inne możliwe miejsca dla masztu.",
        now=now - datetime.timedelta(days=11),
    )
    updates.update_post(
        initiative=initiative,
        user=coordinator,
        body="Zbieramy podpisy pod projektem uchwały w centrum MAM (pon.–pt. 10:00–18:00). "
        "Mamy już 180 z 300 potrzebnych podpisów.",
        now=now - datetime.timedelta(days=2),
    )


def _courtyard(index, organiser, admin, now) -> None:
    centre = index.centre
    coordinator = _person("podworko@mam.example.org", "Pani Halina", centre, admin)
    initiative = starting.initiative_start(
        index=index,
        user=coordinator,
        title="Zielone podwórko przy ul. Lwowskiej",
        issue="Nasze podwórko to sam beton i parkujące samochody. Latem jest gorąco, dzieci "
        "nie mają gdzie się bawić, a starsi sąsiedzi nie mają gdzie usiąść w cieniu.",
        goal="Chcemy posadzić drzewa i krzewy, ustawić ławki i zrobić małą rabatę. Sadzić "
        "będziemy sami, w ramach inicjatywy lokalnej z miastem.",
        place="podwórko przy ul. Lwowskiej 12–18",
        show_name=True,
        now=now - datetime.timedelta(days=20),
    )
    starting.initiative_approve(
        initiative=initiative, organiser=organiser, now=now - datetime.timedelta(days=19)
    )
    neighbours = _neighbours(centre, admin, "podworko.", ["Staś", "Irena", "Kuba"])
    for n, person in enumerate(neighbours):
        membership.initiative_join(
            initiative=initiative, user=person, kind="member", show_name=n == 0
        )
    needs.need_post(
        initiative=initiative,
        user=coordinator,
        title="Sala na zebranie sąsiadów",
        wanted=1,
        details="Na około 20 osób, w tygodniu po 17:00.",
    )
    needs.need_post(
        initiative=initiative,
        user=coordinator,
        title="8 osób do sadzenia krzewów",
        wanted=8,
        starts_at=(now + datetime.timedelta(days=12)).replace(hour=10, minute=0, second=0),
        place="podwórko przy ul. Lwowskiej 14",
    )
    updates.update_post(
        initiative=initiative,
        user=coordinator,
        body="Zadeklarowaliśmy już 40 godzin pracy społecznej przy sadzeniu. Wniosek o "
        "inicjatywę lokalną złożymy w urzędzie w przyszłym tygodniu.",
        now=now - datetime.timedelta(days=5),
    )
    _courtyard_application(initiative, coordinator, neighbours, now)


LOCAL_CRITERIA = [
    ("Wkład własny mieszkańców (praca społeczna, rzeczowy, finansowy)", 10),
    ("Celowość zadania i korzyść dla mieszkańców", 10),
    ("Trwałość efektów", 5),
]


def _local_terms(centre) -> None:
    """The town's hourly rate and evaluation criteria for local initiatives (its resolution)."""
    LocalInitiativeTerms.objects.get_or_create(
        centre=centre,
        defaults={
            "hourly_rate": Decimal("35.00"),
            "resolution": "Uchwała Rady Miasta w sprawie trybu i kryteriów oceny wniosków o "
            "realizację zadania publicznego w ramach inicjatywy lokalnej (przykład)",
        },
    )
    if not EvaluationCriterion.objects.filter(centre=centre).exists():
        for position, (name, most) in enumerate(LOCAL_CRITERIA):
            EvaluationCriterion.objects.create(
                centre=centre, name=name, max_score=most, position=position
            )


def _courtyard_application(initiative, coordinator, neighbours, now) -> None:
    """The courtyard group's local initiative application: ready, 40 hours pledged, awaiting
    the town's evaluation against the criteria of its resolution."""
    _local_terms(initiative.centre)
    application = local.application_start(
        index=initiative.index,
        user=coordinator,
        title="Zielone podwórko przy ul. Lwowskiej",
        initiative=initiative,
        now=now - datetime.timedelta(days=4),
    )
    local.application_save(
        application=application,
        user=coordinator,
        title="Zielone podwórko przy ul. Lwowskiej",
        area=LocalInitiativeApplication.Area.NATURE,
        description="Posadzimy 6 drzew i 40 krzewów, założymy rabatę i ustawimy trzy ławki. "
        "Miasto kupi sadzonki i ławki, mieszkańcy przygotują teren, posadzą rośliny i będą "
        "je podlewać przez pierwsze lato.",
        place="podwórko przy ul. Lwowskiej 12–18, Nowy Sącz",
        starts_on=(now + datetime.timedelta(days=120)).date(),
        ends_on=(now + datetime.timedelta(days=180)).date(),
        applicant_name="Sąsiedzi z ul. Lwowskiej (grupa inicjatywna)",
        costs=[
            {"description": "Sadzonki drzew (6 szt.)", "amount": "3000.00"},
            {"description": "Krzewy i byliny (40 szt.)", "amount": "1600.00"},
            {"description": "Ławki parkowe (3 szt.)", "amount": "2700.00"},
            {"description": "Ziemia, kora, obrzeża", "amount": "700.00"},
        ],
        contributions=[
            {
                "kind": "work",
                "description": "Przygotowanie terenu, sadzenie, podlewanie",
                "hours": "40",
            },
            {
                "kind": "in_kind",
                "description": "Narzędzia, taczki i konewki sąsiadów",
                "value": "400.00",
            },
            {"kind": "money", "description": "Zrzutka sąsiadów na tabliczki", "value": "150.00"},
        ],
        now=now - datetime.timedelta(days=3),
    )
    local.application_mark_ready(
        application=application, user=coordinator, now=now - datetime.timedelta(days=2)
    )
    for person, hours in zip([coordinator, *neighbours], [10, 12, 10, 8], strict=True):
        local.pledge_add(
            application=application, user=person, kind="work", hours=Decimal(hours), now=now
        )
    local.pledge_add(
        application=application,
        user=neighbours[1],
        kind="in_kind",
        value=Decimal("250.00"),
        description="Dwie taczki i konewki na cały czas prac",
        now=now,
    )
