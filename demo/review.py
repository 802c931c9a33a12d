"""Demo review of the finished 2026 civic budget: the checklist, every project assessed, one
project not admitted, appealed and reinstated (it was voted on), and one appeal dismissed.

The vote of 2026 is already counted when this runs, so the history is written with the dates
it had (between submission and voting) rather than replayed through the services, which
work at today's date; the rows are the ones the services write. Kept when present.
"""

import datetime

from django.contrib.auth import get_user_model

from accounts import roles
from consultations.models import ConsultationPage, Phase
from proposals.models import Proposal, StatusChange
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


def _review(proposal, criteria, official, decided, *, refused, upheld, cost=1):
    """One project's review; when `refused`, a criterion is not met and the author appeals."""
    review = Review.objects.create(
        proposal=proposal,
        assigned_to=official,
        town_cost=proposal.official_cost,
        outcome=Outcome.NOT_ADMITTED if refused else Outcome.ADMITTED,
        decided_at=decided,
        decided_by=official,
        appeal_until=(decided + datetime.timedelta(days=7)).date() if refused else None,
        created_at=decided - datetime.timedelta(days=10),
    )
    comments = {
        1: "Według wydziału geodezji działka należy do Skarbu Państwa.",
        2: "Koszt oszacowany przez urząd (1 450 000 zł) przekracza pulę miejską.",
    }
    for position, criterion in enumerate(criteria):
        failed = refused and position == cost
        Assessment.objects.create(
            review=review,
            criterion=criterion,
            met=not failed,
            comment=comments[cost] if failed else "",
            assessed_by=official,
            assessed_at=decided - datetime.timedelta(days=2),
        )
    if not refused:
        return
    StatusChange.objects.create(
        proposal=proposal,
        status=Proposal.Status.REJECTED,
        answer=f"Niedopuszczony do głosowania.\n{criteria[cost].text}: {comments[cost]}",
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
        decide_by=(filed + datetime.timedelta(days=14)).date(),
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
