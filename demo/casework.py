"""Demo case work: the towns' departments, cases assigned in each town's open consultation (one
past its due date, so the "Overdue" list is not empty), an internal note, answer templates,
and the cases of the 2026 budget's review (criteria assessed by departments, appeals decided).

Made through casework.services, dated in the past where a case must already be late. Kept
when present: nothing is added to a centre that already has departments.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts import roles
from casework import services
from casework.models import AnswerTemplate, Assignment, Department
from consultations.models import ConsultationPage
from demo.review import SLUG as REVIEW_SLUG
from home.models import CentrePage
from review.models import Appeal, Criterion, ReviewSetup

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
    """Departments and answer templates in both towns, and cases in each town's open
    consultation (Chrzanów's: its 2027 budget); returns how many centres were given
    departments. Cases are added to an open consultation that has none yet."""
    made = 0
    for centre in CentrePage.objects.live().filter(slug__in=["nowy-sacz", "chrzanow"]):
        official = _official(centre)
        if not Department.objects.filter(centre=centre).exists():
            _departments(centre, official)
            made += 1
        departments = [
            Department.objects.filter(centre=centre, name=name).first()
            for name, _box in DEPARTMENTS
        ]
        page = _open_consultation(centre)
        if official is None or page is None or None in departments:
            continue
        if not Assignment.objects.filter(proposal__consultation=page).exists():
            _cases(centre, official, departments)
    return made


def _departments(centre, official) -> None:
    town = centre.slug.replace("-", "")
    for name, box in DEPARTMENTS:
        department = Department.objects.create(
            centre=centre, name=name, email=f"{box}.{town}@mam.example.org"
        )
        if official is not None:
            department.members.add(official)
    for title, text in TEMPLATES:
        AnswerTemplate.objects.create(centre=centre, title=title, text=text)


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


# Cases on the 2026 budget's review: a department assessing a criterion, the appeals
# committee deciding an appeal. Done long ago, with the dates they had.

GEODESY = "Wydział Geodezji i Katastru"


def ensure_review_cases(admin) -> int:
    """Cases on the review of Nowy Sącz's 2026 budget (demo/review.py, seeded before); returns
    how many were created. Kept when the review already has cases."""
    page = ConsultationPage.objects.filter(slug=REVIEW_SLUG).first()
    if page is None or not ReviewSetup.objects.filter(consultation=page).exists():
        return 0
    parts = ContentType.objects.get_for_models(Criterion, Appeal).values()
    cases = Assignment.objects.filter(proposal__consultation=page, target_type__in=parts)
    centre = page.centre
    official = _official(centre)
    investments = Department.objects.filter(centre=centre, name="Wydział Inwestycji").first()
    if cases.exists() or official is None or investments is None:
        return 0
    geodesy, _created = Department.objects.get_or_create(
        centre=centre,
        name=GEODESY,
        defaults={"email": "geodezja.nowysacz@mam.example.org"},
    )
    geodesy.members.add(official)
    made = 0
    for appeal in Appeal.objects.filter(review__proposal__consultation=page).select_related(
        "review__proposal"
    ):
        review = appeal.review
        failed = review.assessments.filter(met=False).select_related("criterion").first()
        if failed is not None:
            # Land goes to the surveyors; cost to the investment department.
            land = failed.criterion.text.startswith("Teren")
            _done_case(
                review.proposal,
                official,
                failed.criterion,
                department=geodesy if land else investments,
                assigned=review.created_at,
                due=failed.assessed_at,
                note=(
                    "Sprawdzić w ewidencji gruntów, do kogo należy działka."
                    if land
                    else "Oszacować koszt projektu według cen z ostatnich przetargów."
                ),
            )
            made += 1
        _done_case(
            review.proposal,
            official,
            appeal,
            person=official,
            assigned=appeal.filed_at,
            due=appeal.decided_at,
            note="Przygotować odwołanie na posiedzenie komisji odwoławczej.",
        )
        made += 1
    return made


def _done_case(proposal, official, target, *, assigned, due, note, department=None, person=None):
    case = services.assignment_create(
        proposal=proposal,
        by=official,
        department=department,
        person=person,
        due_date=timezone.localdate(due),
        note=note,
        target=target,
        now=assigned,
    )
    services.assignment_done(assignment=case, by=official, now=due)
