"""Demo case work: the towns' departments, cases assigned in Nowy Sącz's open consultation (one
past its due date, so the "Overdue" list is not empty), an internal note and answer templates.

Made through casework.services, dated in the past where a case must already be late. Kept
when present: nothing is added to a centre that already has departments.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from casework import services
from casework.models import AnswerTemplate, Department
from consultations.models import ConsultationPage
from home.models import CentrePage

DEPARTMENTS = [
    ("Wydział Dróg i Transportu", "drogi"),
    ("Wydział Zieleni Miejskiej", "zielen"),
    ("Wydział Inwestycji", "inwestycje"),
]
TEMPLATES = [
    (
        "Przekazano do wydziału",
        "Dziękujemy, {autor}, za propozycję „{tytuł}”. Przekazaliśmy ją do właściwego wydziału "
        "urzędu, który sprawdzi miejsce ({adres}) i odpowie w ciągu 30 dni.",
    ),
    (
        "Poza zadaniami miasta",
        "Dziękujemy za propozycję „{tytuł}”. Teren lub zadanie nie należy do miasta, dlatego "
        "nie możemy jej zrealizować w konsultacji „{konsultacja}”. Wskażemy, kto może pomóc.",
    ),
]
# Nowy Sącz's open budget when it exists; otherwise its consultation taking proposals now.
OPEN_BUDGET_SLUGS = ["budzet-obywatelski-nowego-sacza-2027", "budzet-obywatelski-2027"]
FALLBACK_SLUG = "zielone-podworka-2026"
NOTE = (
    "Rozmawiałam z zarządcą terenu: działka przy szkole jest w trwałym zarządzie szkoły, "
    "potrzebna zgoda dyrekcji przed wyceną."
)


def _official(centre):
    group = roles.centre_groups_ensure(centre)[roles.OFFICIAL]
    return get_user_model().objects.filter(groups=group, is_active=True).order_by("pk").first()


def _open_consultation(centre) -> ConsultationPage | None:
    pages = ConsultationPage.objects.descendant_of(centre)
    for slug in [*OPEN_BUDGET_SLUGS, FALLBACK_SLUG]:
        page = pages.filter(slug=slug).first()
        if page is not None:
            return page
    return None


def ensure_casework(admin) -> int:
    """Departments and answer templates in both towns, cases in Nowy Sącz; returns how many
    centres were given them."""
    made = 0
    for centre in CentrePage.objects.live().filter(slug__in=["nowy-sacz", "chrzanow"]):
        if Department.objects.filter(centre=centre).exists():
            continue
        official = _official(centre)
        town = centre.slug.replace("-", "")
        departments = []
        for name, box in DEPARTMENTS:
            department = Department.objects.create(
                centre=centre, name=name, email=f"{box}.{town}@mam.example.org"
            )
            if official is not None:
                department.members.add(official)
            departments.append(department)
        for title, text in TEMPLATES:
            AnswerTemplate.objects.create(centre=centre, title=title, text=text)
        if centre.slug == "nowy-sacz" and official is not None:
            _cases(centre, official, departments)
        made += 1
    return made


def _cases(centre, official, departments) -> None:
    page = _open_consultation(centre)
    if page is None:
        return
    proposals = list(page.proposals.order_by("created_at", "pk")[:4])
    if len(proposals) < 4:
        return
    roads, greenery, investments = departments
    now = timezone.now()
    today = timezone.localdate()
    # Assigned ten days ago with a week to answer: three days late now.
    services.assignment_create(
        proposal=proposals[0],
        by=official,
        department=roads,
        due_date=today - datetime.timedelta(days=3),
        note="Sprawdzić natężenie ruchu i oznakowanie przejścia.",
        now=now - datetime.timedelta(days=10),
    )
    services.assignment_create(
        proposal=proposals[1],
        by=official,
        department=greenery,
        due_date=today + datetime.timedelta(days=2),
        note="Oględziny drzew z dendrologiem.",
    )
    services.assignment_create(
        proposal=proposals[2],
        by=official,
        person=official,
        due_date=today + datetime.timedelta(days=14),
        note="Przygotować wycenę.",
    )
    services.assignment_create(
        proposal=proposals[3],
        by=official,
        department=investments,
        due_date=today + datetime.timedelta(days=21),
    )
    services.note_add(proposal=proposals[2], by=official, text=NOTE)
