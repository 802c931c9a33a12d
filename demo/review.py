"""Demo review of the finished 2026 civic budget: the checklist, every project assessed, one
project not admitted, appealed and reinstated (it was voted on), and one appeal dismissed.

The vote of 2026 is already counted when this runs, so the history is written with the dates
it had (between submission and voting) rather than replayed through the services, which
work at today's date; the rows are the ones the services write. Kept when present.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from casework import services as casework
from casework.models import Department
from consultations.models import ConsultationPage, Phase
from jobs.models import DoneMark
from proposals.models import Proposal, StatusChange
from review import services
from review.models import Appeal, Assessment, Criterion, Outcome, Review, ReviewSetup

SLUG = "budzet-obywatelski-2026"
CRITERIA = [
    ("Zadanie własne gminy", "Czy projekt mieści się w zadaniach miasta (ustawa o samorządzie)."),
    ("Teren należący do miasta", "Czy działka jest własnością miasta i jest dostępna."),
    ("Koszt w limicie puli", "Czy koszt oszacowany przez urząd mieści się w puli."),
    ("Akceptowalny koszt utrzymania", "Roczny koszt utrzymania do 10% kosztu projektu."),
    ("Kompletny formularz", "Wszystkie pola formularza wypełnione."),
    ("Lista poparcia", "Co najmniej 15 podpisów mieszkańców."),
]
REINSTATED_REASON = (
    "Działka przy ul. Lwowskiej 12 to, według wyrysu z ewidencji gruntów, teren miasta."
)
REFUSED_TITLE = "Fontanna z pokazem świetlnym na Plantach"


def ensure_review(admin) -> int:
    """Add the 2026 budget's review when missing; returns how many reviews were created."""
    page = ConsultationPage.objects.filter(slug=SLUG).first()
    if page is None or ReviewSetup.objects.filter(consultation=page).exists():
        return 0
    group = roles.centre_groups_ensure(page.centre)[roles.OFFICIAL]
    official = get_user_model().objects.filter(groups=group).first() or admin
    voting = page.phases.get(kind=Phase.Kind.VOTING)
    decided = voting.starts_at - datetime.timedelta(days=30)
    setup = ReviewSetup.objects.create(
        consultation=page,
        appeal_days=7,
        appeal_body=ReviewSetup.Body.COMMITTEE,
        decision_days=14,
    )
    criteria = [
        Criterion.objects.create(setup=setup, text=text, explanation=explanation, sort_order=n)
        for n, (text, explanation) in enumerate(CRITERIA)
    ]
    proposals = list(page.proposals.order_by("created_at", "pk"))
    made = 0
    for number, proposal in enumerate(proposals):
        refused = number == 1  # one project wrongly refused, then reinstated on appeal
        _review(proposal, criteria, official, decided, refused=refused, upheld=True)
        made += 1
    dismissed = Proposal.objects.create(
        consultation=page,
        author=proposals[0].author if proposals else official,
        title=REFUSED_TITLE,
        body="Fontanna z kolorowym podświetleniem i muzyką w centrum Plant.",
        place="Planty",
        estimated_cost=1_200_000,
        official_cost=1_450_000,
        status=Proposal.Status.REJECTED,
        created_at=decided - datetime.timedelta(days=20),
    )
    _review(dismissed, criteria, official, decided, refused=True, upheld=False, cost=2)
    return made + 1


# Why the criterion at this position is not met, for the projects refused in the review.
NOT_MET_COMMENTS = {
    1: "Według wydziału geodezji działka należy do Skarbu Państwa.",
    2: "Koszt oszacowany przez urząd (1 450 000 zł) przekracza pulę miejską.",
}


def _review(proposal, criteria, official, decided, *, refused, upheld, cost=1):
    """One project's review; when `refused`, a criterion is not met and the author appeals."""
    setup = criteria[0].setup
    review = Review.objects.create(
        proposal=proposal,
        assigned_to=official,
        town_cost=proposal.official_cost,
        outcome=Outcome.NOT_ADMITTED if refused else Outcome.ADMITTED,
        decided_at=decided,
        decided_by=official,
        appeal_until=services.appeal_deadline(decided, setup) if refused else None,
        created_at=decided - datetime.timedelta(days=10),
    )
    for position, criterion in enumerate(criteria):
        failed = refused and position == cost
        Assessment.objects.create(
            review=review,
            criterion=criterion,
            met=not failed,
            comment=NOT_MET_COMMENTS[cost] if failed else "",
            assessed_by=official,
            assessed_at=decided - datetime.timedelta(days=2),
        )
    if refused:
        _refuse_and_appeal(review, criteria, official, decided, upheld=upheld, cost=cost)


def _refuse_and_appeal(review, criteria, official, decided, *, upheld, cost):
    """The project is not admitted (criterion `cost` not met) and its author appeals; the
    appeal is upheld or dismissed."""
    proposal, setup = review.proposal, criteria[0].setup
    StatusChange.objects.create(
        proposal=proposal,
        status=Proposal.Status.REJECTED,
        answer=f"Niedopuszczony do głosowania.\n{criteria[cost].text}: {NOT_MET_COMMENTS[cost]}",
        changed_by=official,
        created_at=decided,
    )
    filed = decided + datetime.timedelta(days=3)
    appeal_decided = filed + datetime.timedelta(days=9)
    reasons = (
        REINSTATED_REASON
        if upheld
        else "Fontanna przyciągnie ludzi do centrum; koszt można rozłożyć na dwa lata."
    )
    Appeal.objects.create(
        review=review,
        reasons=reasons,
        channel=Appeal.Channel.ONLINE if upheld else Appeal.Channel.PAPER,
        filed_by=proposal.author,
        entered_by=None if upheld else official,
        filed_at=filed,
        decide_by=services.decision_deadline(filed, setup),
        decision=Appeal.Decision.UPHELD if upheld else Appeal.Decision.DISMISSED,
        decision_reasons=(
            "Komisja sprawdziła wyrys z ewidencji gruntów: teren należy do miasta. "
            "Projekt trafia pod głosowanie."
            if upheld
            else "Koszt przekracza pulę miejską, a regulamin nie pozwala dzielić projektu "
            "na lata. Odwołanie nie zostało uwzględnione."
        ),
        decided_at=appeal_decided,
        decided_by=official,
    )
    if upheld:
        # The project's acceptance is the appeal's decision: it was voted on after it.
        proposal.status_changes.filter(status=Proposal.Status.ACCEPTED).update(
            answer="Odwołanie uwzględnione: teren należy do miasta. Projekt trafia pod głosowanie.",
            created_at=appeal_decided,
        )


# The open budget: Chrzanów's 2027 budget, being reviewed now, so an official can try the
# review and the appeal on the demo. Written through the services at today's date, without
# emailing anyone; kept when the consultation already has its review rules.

OPEN_SLUG = "budzet-obywatelski-2027"
OPEN_CASE_DEPARTMENT = "Wydział Inwestycji"
OPEN_COMMITTEE = "Komisja odwoławcza ds. budżetu obywatelskiego"
NOT_MET = {
    1: "Według ewidencji gruntów działka należy do spółdzielni mieszkaniowej, nie do miasta.",
    3: "Roczny koszt utrzymania (koszenie, naprawy) przekracza 10% kosztu projektu.",
}
OPEN_APPEAL_REASONS = (
    "Spółdzielnia zgodziła się przekazać teren miastu w użyczenie na 10 lat (pismo w "
    "załączeniu). Utrzymanie weźmie na siebie rada osiedla."
)


def ensure_open_review(admin) -> int:
    """Add the review of Chrzanów's open 2027 budget when missing: one project admitted, one
    not admitted (reasons per criterion) with its appeal waiting for a decision, one still
    assessed by a department holding a case. Returns how many reviews were created."""
    page = ConsultationPage.objects.filter(slug=OPEN_SLUG).first()
    if page is None or ReviewSetup.objects.filter(consultation=page).exists():
        return 0
    proposals = list(
        page.proposals.filter(status=Proposal.Status.SUBMITTED, assignments__isnull=True)
        .exclude(author=None)
        .order_by("created_at", "pk")[:3]
    )
    group = roles.centre_groups_ensure(page.centre)[roles.OFFICIAL]
    official = get_user_model().objects.filter(groups=group, is_active=True).order_by("pk").first()
    department = Department.objects.filter(centre=page.centre, name=OPEN_CASE_DEPARTMENT).first()
    if len(proposals) < 3 or official is None or department is None:
        return 0
    criteria = _open_setup(page, group)
    now = timezone.now()
    admitted, refused, assessed = proposals
    _open_decided(admitted, criteria, official, now=now - datetime.timedelta(days=4))
    review = _open_decided(
        refused, criteria, official, now=now - datetime.timedelta(days=4), not_met=NOT_MET
    )
    services.appeal_file(
        review=review,
        reasons=OPEN_APPEAL_REASONS,
        by=refused.author,
        now=now - datetime.timedelta(days=2),
    )
    review = services.review_start(proposal=assessed, by=official, assigned_to=official)
    for criterion in criteria[:2]:
        services.criterion_assess(
            review=review, criterion=criterion, met=True, comment="", by=official
        )
    casework.assignment_create(
        proposal=assessed,
        by=official,
        department=department,
        due_date=timezone.localdate() + datetime.timedelta(days=5),
        note="Oszacować koszt projektu i roczny koszt utrzymania według cen z przetargów.",
        target=criteria[2],
    )
    return 3


def _open_setup(page, group) -> list:
    """The open budget's review rules (appeals to a committee, in working days) and checklist."""
    setup = ReviewSetup(
        consultation=page,
        appeal_days=7,
        appeal_body=ReviewSetup.Body.COMMITTEE,
        appeal_body_name=OPEN_COMMITTEE,
        decision_days=14,
        day_count=ReviewSetup.DayCount.WORKING,  # as many regulaminy count them
    )
    # The committee: the centre's officials (the demo's official decides the pending appeal).
    setup.appeal_body_members.set(
        get_user_model().objects.filter(groups=group, is_active=True).order_by("pk")[:3]
    )
    setup.save()
    services.appeal_body_access_sync()
    return [
        Criterion.objects.create(setup=setup, text=text, explanation=explanation, sort_order=n)
        for n, (text, explanation) in enumerate(CRITERIA)
    ]


def _open_decided(proposal, criteria, official, *, now, not_met=None) -> Review:
    """Review `proposal` and publish the outcome at `now`; the author is not emailed."""
    not_met = not_met or {}
    review = services.review_start(
        proposal=proposal, by=official, assigned_to=official, now=now - datetime.timedelta(days=3)
    )
    for position, criterion in enumerate(criteria):
        services.criterion_assess(
            review=review,
            criterion=criterion,
            met=position not in not_met,
            comment=not_met.get(position, ""),
            by=official,
            now=now - datetime.timedelta(days=1),
        )
    # Recorded as sent: seeding emails nobody.
    DoneMark.objects.get_or_create(key=f"review-outcome:{review.pk}")
    return services.review_decide(
        review=review,
        outcome=Outcome.NOT_ADMITTED if not_met else Outcome.ADMITTED,
        by=official,
        now=now,
    )
