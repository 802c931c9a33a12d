"""Demo residents' initiatives, built through the services so they obey the same rules.

Nowy Sącz: a group against a transmitter mast near a school, and neighbours greening a
courtyard. Chrzanów: a group for an evening bus line that started as a rejected proposal
(Nowy Sącz's stories in initiatives_nowy_sacz.py, their people in initiative_people.py).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from consultations.models import ConsultationPage
from demo.initiative_people import _neighbours, _organiser, _person
from demo.initiatives_nowy_sacz import _courtyard, _mast
from home.models import CentrePage
from initiatives.models import (
    Initiative,
    InitiativeIndexPage,
)
from initiatives.services import actions, membership, starting
from proposals.models import Proposal
from proposals.services import status as proposal_status

INDEX_SLUG = "inicjatywy"
INDEX_INTRO = (
    "Masz sprawę, która obchodzi Ciebie i sąsiadów? Załóż inicjatywę: opisz problem, zbierz "
    "ludzi i działajcie razem. Organizatorka z centrum MAM pomoże Wam na każdym kroku."
)


def _index(centre: CentrePage, admin) -> InitiativeIndexPage:
    index = InitiativeIndexPage.objects.child_of(centre).first()
    if index is None:
        index = InitiativeIndexPage(
            title="Inicjatywy mieszkańców", slug=INDEX_SLUG, intro=INDEX_INTRO, show_in_menus=True
        )
        centre.add_child(instance=index)
        index.save_revision(user=admin).publish(user=admin)
    return index


def _bus(index, organiser, admin, now) -> None:
    centre = index.centre
    coordinator = _person("autobus@mam.example.org", "Pan Ryszard", centre, admin)
    proposal = _rejected_bus_proposal(centre, admin)
    initiative = starting.initiative_start(
        index=index,
        user=coordinator,
        title="Wieczorne i niedzielne autobusy dla Kościelca",
        issue="Ostatni autobus z Kościelca do centrum odjeżdża o 18:40. Ludzie pracujący na "
        "drugą zmianę i młodzież z zajęć nie mają jak wrócić. Nasz projekt w budżecie "
        "obywatelskim o niedzielnym autobusie odrzucono, bo o kursach decyduje kto inny.",
        goal="Chcemy, żeby Zarząd Komunikacji uruchomił dwa wieczorne kursy (20:30 i 22:00) "
        "na próbę przez pół roku.",
        place="Kościelec – centrum Chrzanowa",
        show_name=True,
        origin_proposal=proposal,
        now=now - datetime.timedelta(days=3),
    )
    starting.initiative_approve(initiative=initiative, organiser=organiser)
    for person in _neighbours(centre, admin, "autobus.", ["Beata", "Tomek"]):
        membership.initiative_join(initiative=initiative, user=person, kind="member")
    actions.action_record(
        initiative=initiative,
        user=coordinator,
        kind="letter",
        title="Wniosek do Zarządu Komunikacji o wieczorne kursy",
        date=(now - datetime.timedelta(days=1)).date(),
        result="Czekamy na odpowiedź (do 30 dni).",
    )


def _rejected_bus_proposal(centre, admin):
    """The demo's proposal about buses in the centre's consultation, rejected by the town
    (the bus timetable is not a civic budget matter), or another rejected one."""
    proposals = Proposal.objects.filter(consultation__in=_consultations(centre))
    bus = proposals.filter(title__icontains="autobus").order_by("pk").first()
    if bus is not None and bus.status == Proposal.Status.SUBMITTED:
        official = (
            get_user_model()
            .objects.filter(groups=roles.centre_groups_ensure(centre)[roles.OFFICIAL])
            .first()
        )
        proposal_status.status_change(
            proposal=bus,
            status=Proposal.Status.REJECTED,
            answer="Rozkład jazdy autobusów nie jest sprawą budżetu obywatelskiego: o kursach "
            "decyduje Zarząd Komunikacji na wniosek mieszkańców.",
            by=official or admin,
            staff_checked=official is None,
        )
        bus.refresh_from_db()
    if bus is not None and bus.status == Proposal.Status.REJECTED:
        return bus
    return proposals.filter(status=Proposal.Status.REJECTED).order_by("pk").first()


def _consultations(centre):
    return ConsultationPage.objects.live().descendant_of(centre).order_by("pk")


BUILDERS = {"nowy-sacz": [_mast, _courtyard], "chrzanow": [_bus]}


def ensure_initiatives(admin) -> int:
    """Each centre's initiatives index and its demo initiatives, when the index has none."""
    now = timezone.now()
    created = 0
    for slug, builders in BUILDERS.items():
        centre = CentrePage.objects.live().filter(slug=slug).first()
        if centre is None:
            continue
        index = _index(centre, admin)
        if Initiative.objects.filter(index=index).exists():
            continue
        organiser = _organiser(centre, slug.replace("-", ""))
        for build in builders:
            build(index, organiser, admin, now)
            created += 1
    return created
