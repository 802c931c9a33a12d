"""Demo votes: a finished civic budget with published results, and two votes open today.

- Nowy Sącz, "Budżet obywatelski 2026": voting ended weeks ago; online and paper ballots
  (each card typed in by two people, the commission's protocol reconciled), results published
  (so the results page, the ballot files and the council report have something real to show);
  Zawada's two projects tie and the commission draws them by lot (the consultation's tie rule),
  with its protocol, before the result is published.
- Nowy Sącz, "Budżet na lato 2027": a participatory budget whose voting runs now, for
  verified residents (the demo account mieszkanka@mam.example.org can vote and change it).
- Chrzanów, "Który plac zabaw odnowić najpierw?": an approval vote running now, open to
  anyone with a confirmed account.

Ballots go through the same services as the site's (cast_ballot, enter_paper_ballot,
publish_results), at moments inside the voting phase. Existing pages (by slug) are kept.
The pages and their texts are in demo/voting_pages.py.
"""

import datetime
import random
from collections import Counter
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from consultations.models import BudgetPool, ConsultationPage, Phase
from demo.consultations import INDEX_SLUG
from demo.proposals import _ensure_verified, _residents
from demo.voting_pages import (
    BUDGET_2026,
    PAPER_VOTERS,
    PLAYGROUNDS,
    SUMMER_2027,
    _add,
    _budget_2026,
    _playgrounds,
    _summer_2027,
)
from home.models import CentrePage
from proposals.models import Proposal, StatusChange
from voting import paper_entry, paper_protocol
from voting.services import results, tie_draws, voting


def _accepted(consultation, items, author_pool, official, rng, when):
    """Create accepted proposals with an official cost and a public answer."""
    categories = {category.name: category for category in consultation.categories.all()}
    districts = {d.name: d for d in consultation.centre.districts.all()}
    # Accepted half-way between submission and the start of voting: the history reads in
    # the consultation's own order, whenever the demo is seeded.
    accepted_at = when + (_voting_moment(consultation, 0) - when) / 2
    created = []
    for number, (title, body, cost, district, category) in enumerate(items):
        proposal = Proposal.objects.create(
            consultation=consultation,
            author=author_pool[number % len(author_pool)],
            title=title,
            body=body,
            category=categories.get(category),
            district=districts.get(district) if district else None,
            latitude=consultation.map_latitude
            + Decimal(rng.uniform(-0.01, 0.01)).quantize(Decimal("0.000001")),
            longitude=consultation.map_longitude
            + Decimal(rng.uniform(-0.015, 0.015)).quantize(Decimal("0.000001")),
            official_cost=Decimal(cost) if cost else None,
            estimated_cost=Decimal(cost) if cost else None,
            status=Proposal.Status.ACCEPTED,
            created_at=when,
        )
        StatusChange.objects.create(
            proposal=proposal,
            status=Proposal.Status.ACCEPTED,
            answer="Projekt spełnia warunki i trafia pod głosowanie. Koszt sprawdził urząd.",
            changed_by=official,
            created_at=accepted_at,
        )
        created.append(proposal)
    return created


def _voting_moment(consultation, fraction: float) -> datetime.datetime:
    phase = consultation.phases.get(kind=Phase.Kind.VOTING)
    return phase.starts_at + (phase.ends_at - phase.starts_at) * fraction


def _fitting_choice(rng, proposals, budget: Decimal) -> list[int]:
    """A voter's pick: popular projects more likely, stopping before the budget runs out."""
    weights = [len(proposals) - i for i in range(len(proposals))]
    order = []
    pool = list(zip(proposals, weights, strict=True))
    while pool:
        chosen = rng.choices(range(len(pool)), weights=[w for _p, w in pool])[0]
        order.append(pool.pop(chosen)[0])
    picked, total = [], Decimal(0)
    for proposal in order[: rng.randint(1, 3)]:
        if total + proposal.official_cost <= budget:
            picked.append(proposal.pk)
            total += proposal.official_cost
    return picked or [order[-1].pk]


def _staff(centre, role, admin):
    group = roles.centre_groups_ensure(centre)[role]
    return get_user_model().objects.filter(groups=group).first() or admin


def _voters(centre, count: int, created: list):
    """Extra verified demo voters without a password (they exist only to have voted)."""
    User = get_user_model()
    people = []
    for number in range(1, count + 1):
        email = f"glosujacy{number:02d}@mam.example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, display_name=f"Głosujący {number}")
            user.set_unusable_password()
            user.save()

            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            created.append(email)
        people.append(user)
    return people


def ensure_votes(admin) -> int:
    """Add the three demo votes when missing; returns how many consultations were created."""
    created_users: list[str] = []
    made = 0
    centres = {centre.slug: centre for centre in CentrePage.objects.live()}
    nowy_sacz, chrzanow = centres.get("nowy-sacz"), centres.get("chrzanow")
    if nowy_sacz is not None:
        index = nowy_sacz.get_children().filter(slug=INDEX_SLUG).first()
        if index is not None:
            official = _staff(nowy_sacz, roles.OFFICIAL, admin)
            moderator = _staff(nowy_sacz, roles.MODERATOR, admin)
            residents = _residents(None, created_users)
            voters = residents + _voters(nowy_sacz, 25, created_users)
            _ensure_verified(voters, nowy_sacz, official)
            page = _add(index.specific, _budget_2026(), admin)
            if page is not None:
                _add_zawada_pool(page, admin)
                _seed_budget_2026(page, residents, voters, official, moderator)
                made += 1
            page = _add(index.specific, _summer_2027(), admin)
            if page is not None:
                _seed_summer(page, residents, voters)
                made += 1
    if chrzanow is not None:
        index = chrzanow.get_children().filter(slug=INDEX_SLUG).first()
        if index is not None:
            official = _staff(chrzanow, roles.OFFICIAL, admin)
            page = _add(index.specific, _playgrounds(), admin)
            if page is not None:
                residents = _residents(None, created_users)
                rng = random.Random(page.slug)  # noqa: S311 - the same demo everywhere
                items = [(t, b, None, None, "Plac zabaw") for t, b in PLAYGROUNDS]
                proposals = _accepted(page, items, residents, official, rng, timezone.now())
                moment = _voting_moment(page, 0.1)
                for number, person in enumerate(residents[:11]):
                    picks = {proposals[number % 4].pk, proposals[(number * 3) % 4].pk}
                    voting.cast_ballot(
                        user=person, consultation=page, proposal_ids=picks, now=moment
                    )
                made += 1
    return made


def _add_zawada_pool(page, user) -> None:
    """Zawada's own pool, saved through a revision so the page editor keeps it."""
    zawada = page.centre.districts.filter(name="Zawada").first()
    if zawada is None:
        return
    page.budget_pools = [BudgetPool(district=zawada, amount=Decimal("80000"))]
    page.save_revision(user=user).publish(user=user)


def _seed_budget_2026(page, residents, voters, official, moderator) -> None:
    page = ConsultationPage.objects.get(pk=page.pk)
    rng = random.Random(page.slug)  # noqa: S311 - the same demo on every machine
    when = _voting_moment(page, 0) - datetime.timedelta(days=60)
    proposals = _accepted(page, BUDGET_2026, residents, official, rng, when)
    town = [p for p in proposals if p.district_id is None]
    district = [p for p in proposals if p.district_id is not None]
    district_votes = Counter()
    for number, person in enumerate(voters):
        choice = _fitting_choice(rng, town, page.budget_amount)
        if district and number % 3 == 0:
            choice.append(district[number % len(district)].pk)
            district_votes[choice[-1]] += 1
        voting.cast_ballot(
            user=person,
            consultation=page,
            proposal_ids=choice,
            now=_voting_moment(page, 0.05 + 0.9 * number / len(voters)),
        )
    # Zawada's two projects end level (a tie that decides its pool: both do not fit).
    most = max(district_votes.values(), default=0)
    lagging = [p.pk for p in district[:2] if district_votes[p.pk] < most]
    for number, (name, address) in enumerate(PAPER_VOTERS, start=1):
        invalid = number == len(PAPER_VOTERS)  # one card filled in wrongly, kept as void
        choice = [] if invalid else _fitting_choice(rng, town, page.budget_amount)
        if number == 1:
            choice += lagging
        voting.enter_paper_ballot(
            consultation=page,
            paper_number=number,
            by=moderator,
            proposal_ids=choice,
            voter_name=name,
            voter_address=address,
            invalid=invalid,
            now=_voting_moment(page, 0.5 + number / 100),
        )
        # The second typing, by another person, blind: the card counts from then on.
        paper_entry.confirm_paper_ballot(
            consultation=page,
            paper_number=number,
            by=official,
            proposal_ids=choice,
            invalid=invalid,
            now=_voting_moment(page, 0.5 + number / 100 + 0.001),
        )
    _paper_protocol(page, official)
    _draw_ties(page, official)
    results.publish_results(consultation=page, by=official, now=_voting_moment(page, 1.3))


def _paper_protocol(page, official) -> None:
    """The voting commission's protocol, agreeing with the confirmed cards."""
    counts = paper_entry.paper_counts(page)
    invalid = counts["confirmed_invalid"]
    valid = counts["confirmed"] - invalid
    unused = 40
    paper_protocol.record_protocol(
        consultation=page,
        by=official,
        figures={
            "cards_received": valid + invalid + unused,
            "cards_issued": valid + invalid,
            "cards_unused": unused,
            "cards_valid": valid,
            "invalid_no_mark": invalid,
            "invalid_too_many": 0,
            "invalid_other": 0,
        },
        members="Halina Wójcik, przewodnicząca\nTomasz Gąsior, zastępca\nIrena Łabuz, członkini",
        now=_voting_moment(page, 1.1),
    )


def _draw_ties(page, official) -> None:
    """The commission draws every tie that decides funding, in public, with a protocol."""
    for _round in range(10):  # a draw can make another tie of the same pool decide
        waiting = tie_draws.waiting_ties(page)
        if not waiting:
            return
        tie = waiting[0]
        tie_draws.tie_draw_record(
            consultation=page,
            pool=tie["pool"],
            votes=tie["votes"],
            order=[option["id"] for option in reversed(tie["options"])],
            drawn_at=_voting_moment(page, 1.2),
            drawn_by="Anna Kowalczyk, przewodnicząca komisji ds. budżetu obywatelskiego",
            witnesses="Marek Nowicki, radny miasta\nJolanta Lis, mieszkanka osiedla Zawada",
            place="Sala sesyjna Ratusza, Rynek 1, Nowy Sącz",
            by=official,
            now=_voting_moment(page, 1.25),
        )


def _seed_summer(page, residents, voters) -> None:
    rng = random.Random(page.slug)  # noqa: S311 - the same demo on every machine
    official = _staff(page.centre, roles.OFFICIAL, residents[0])
    items = [(t, b, cost, None, c) for t, b, cost, c in SUMMER_2027]
    when = _voting_moment(page, 0) - datetime.timedelta(days=25)
    proposals = _accepted(page, items, residents, official, rng, when)
    moment = timezone.now() - datetime.timedelta(hours=2)
    # Some neighbours have voted already; the demo resident account has not.
    for person in voters[3:15]:
        voting.cast_ballot(
            user=person,
            consultation=page,
            proposal_ids=_fitting_choice(rng, proposals, page.budget_amount),
            now=moment,
        )
