"""Fill a database with a benchmark consultation: `python -m bench.generate --proposals 10000 ...`.

Everything is made with bulk inserts in batches, reproducibly from `--seed`; the counters on
proposals (supports, comments) are computed from the rows written, so they agree with them.
The consultation is in its voting phase (approval vote), so ballots can be cast in the load
run. Users get one known password (BENCH_PASSWORD) and a confirmed email address.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105 (throwaway benchmark accounts)
EMAIL_DOMAIN = "bench.example.org"
CENTRE_SLUG = "bench-centrum"
CONSULTATION_SLUG = "bench-konsultacja"
# A finished edition of the bench centre's budget, with a published result and the funded
# projects' implementation records (the `realizacja/` target).
EDITION_SLUG = "bench-edycja-2025"
FUNDED_RECORDS = 40
BATCH = 2000
PRESETS = {
    # A common peer benchmark's size: 500 users, 2,000 proposals, 20,000 supports,
    # 10,000 comments of which a third are replies.
    "peer": {"users": 500, "proposals": 2000, "supports": 20000, "comments": 10000, "ballots": 0},
}
CATEGORIES = ["Zieleń", "Plac zabaw", "Komunikacja", "Czystość", "Bezpieczeństwo", "Kultura"]
WORDS = [
    "kosze",
    "śmieci",
    "plac",
    "zabaw",
    "ławki",
    "drzewa",
    "chodnik",
    "przejście",
    "oświetlenie",
    "rowery",
    "parking",
    "autobus",
    "przystanek",
    "skwer",
    "boisko",
    "fontanna",
    "zieleń",
    "kwiaty",
    "biblioteka",
    "świetlica",
    "murale",
]


def log(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


class Timer:
    def __init__(self):
        self.start = time.perf_counter()
        self.last = self.start

    def step(self, what: str) -> None:
        now = time.perf_counter()
        log(f"  {what}: {now - self.last:.1f} s")
        self.last = now

    def total(self) -> float:
        return time.perf_counter() - self.start


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def bench_consultation():
    """Return the benchmark consultation, creating its centre and index the first time."""
    from django.utils import timezone

    from consultations.models import Category, ConsultationIndexPage, ConsultationPage, Phase
    from home.models import CentrePage, HomePage

    consultation = ConsultationPage.objects.filter(slug=CONSULTATION_SLUG).first()
    if consultation is None:
        home = HomePage.objects.first()
        centre = home.add_child(
            instance=CentrePage(
                title="MAM Benchmark",
                slug=CENTRE_SLUG,
                town="Nowy Sącz",
                address="ul. Testowa 1\n33-300 Nowy Sącz",
                latitude=Decimal("49.625"),
                longitude=Decimal("20.691"),
            )
        )
        index = centre.add_child(instance=ConsultationIndexPage(title="Konsultacje", slug="k"))
        consultation = index.add_child(
            instance=ConsultationPage(
                title="Budżet benchmarku",
                slug=CONSULTATION_SLUG,
                lead="Dane wygenerowane do pomiarów wydajności.",
                voting_method=ConsultationPage.VotingMethod.APPROVAL,
                max_choices=5,
                winners_count=10,
                map_latitude=Decimal("49.625"),
                map_longitude=Decimal("20.691"),
            )
        )
        for position, name in enumerate(CATEGORIES):
            Category.objects.create(consultation=consultation, name=name, sort_order=position)
    # The voting phase runs for a week from now, after the proposals phase.
    now = timezone.now()
    day = datetime.timedelta(days=1)
    consultation.phases.all().delete()
    Phase.objects.create(
        consultation=consultation,
        kind=Phase.Kind.PROPOSALS,
        starts_at=now - 30 * day,
        ends_at=now - day,
        sort_order=0,
    )
    Phase.objects.create(
        consultation=consultation,
        kind=Phase.Kind.VOTING,
        starts_at=now - day,
        ends_at=now + 7 * day,
        sort_order=1,
    )
    return consultation


CONTENT_ACTIVITIES = 20
CONTENT_NEWS = 12
CONTENT_ROOMS = 3
CONTENT_INITIATIVES = 30


def centre_content(consultation, users: list, rng: random.Random) -> dict:
    """The bench centre's other pages, made once: news, activities over the next two weeks,
    rooms, initiatives (the pages the later apps add, loaded like the proposals' pages)."""
    from django.utils import timezone

    from events.models import ActivityIndexPage, ActivityPage
    from home.models import CentrePage, NewsIndexPage, NewsPage
    from initiatives.models import Initiative, InitiativeIndexPage
    from rooms.models import Room, RoomIndexPage

    centre = CentrePage.objects.get(slug=CENTRE_SLUG)
    now = timezone.now()
    made = {}
    news = NewsIndexPage.objects.child_of(centre).first()
    if news is None:
        news = centre.add_child(instance=NewsIndexPage(title="Aktualności", slug="aktualnosci"))
        for n in range(CONTENT_NEWS):
            news.add_child(
                instance=NewsPage(
                    title=f"Wiadomość {n}",
                    slug=f"wiadomosc-{n}",
                    date=(now - datetime.timedelta(days=n)).date(),
                    lead=_sentence(rng, 15),
                )
            )
    made["news"] = news
    activities = ActivityIndexPage.objects.child_of(centre).first()
    if activities is None:
        activities = centre.add_child(
            instance=ActivityIndexPage(title="Wydarzenia", slug="wydarzenia")
        )
        for n in range(CONTENT_ACTIVITIES):
            starts = (now + datetime.timedelta(days=n % 14, hours=1)).replace(
                minute=0, second=0, microsecond=0
            )
            activities.add_child(
                instance=ActivityPage(
                    title=f"Warsztaty {n}",
                    slug=f"warsztaty-{n}",
                    lead=_sentence(rng, 10),
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2),
                    place="Sala duża",
                )
            )
    made["activities"] = activities
    made["activity"] = ActivityPage.objects.child_of(activities).order_by("pk").first()
    rooms = RoomIndexPage.objects.child_of(centre).first()
    if rooms is None:
        rooms = centre.add_child(instance=RoomIndexPage(title="Sale", slug="sale"))
        for n in range(CONTENT_ROOMS):
            Room.objects.create(centre=centre, name=f"Sala {n}", capacity=20, sort_order=n)
    made["rooms"] = rooms
    made["room"] = Room.objects.filter(centre=centre).order_by("pk").first()
    initiatives = InitiativeIndexPage.objects.child_of(centre).first()
    if initiatives is None:
        initiatives = centre.add_child(
            instance=InitiativeIndexPage(title="Inicjatywy", slug="inicjatywy")
        )
    if not Initiative.objects.filter(index=initiatives).exists():
        Initiative.objects.bulk_create(
            Initiative(
                index=initiatives,
                centre=centre,
                started_by=users[n % len(users)],
                title=f"Inicjatywa {n}",
                issue=_sentence(rng, 20),
                goal=_sentence(rng, 12),
                state=Initiative.State.ACTIVE,
            )
            for n in range(CONTENT_INITIATIVES)
        )
    made["initiatives"] = initiatives
    made["initiative"] = Initiative.objects.filter(index=initiatives).order_by("pk").first()
    return made


def past_edition(consultation, users: list, rng: random.Random, *, funded: int) -> dict:
    """A finished edition beside the bench consultation: `funded` projects selected in a
    published result, whose records the implementation service opens as on publication
    (standard milestones, the first timeline entry), then carried to various stages."""
    from django.utils import timezone

    from consultations.models import ConsultationPage, Phase
    from implementation.models import Implementation, Milestone, Status
    from implementation.services import records_open_for_result
    from proposals.models import Proposal, StatusChange
    from voting.models import ResultSnapshot

    now = timezone.now()
    year = datetime.timedelta(days=365)
    edition = ConsultationPage.objects.filter(slug=EDITION_SLUG).first()
    if edition is None:
        edition = consultation.get_parent().add_child(
            instance=ConsultationPage(
                title="Budżet benchmarku 2025",
                slug=EDITION_SLUG,
                lead="Poprzednia edycja: projekty w realizacji.",
                voting_method=ConsultationPage.VotingMethod.APPROVAL,
                max_choices=5,
                winners_count=funded,
                map_latitude=Decimal("49.625"),
                map_longitude=Decimal("20.691"),
            )
        )
        for kind, starts, ends in (
            (Phase.Kind.PROPOSALS, now - 2 * year, now - year - 60 * DAY),
            (Phase.Kind.VOTING, now - year - 30 * DAY, now - year),
        ):
            Phase.objects.create(consultation=edition, kind=kind, starts_at=starts, ends_at=ends)
    stages = [Proposal.Status.SELECTED, Proposal.Status.IN_PROGRESS, Proposal.Status.IMPLEMENTED]
    projects = _in_batches(
        Proposal,
        [
            Proposal(
                consultation=edition,
                author=users[rng.randrange(len(users))],
                title=f"{_sentence(rng, 4)} (projekt {i})",
                body=_sentence(rng, 60),
                latitude=Decimal(f"{49.6 + rng.random() * 0.05:.6f}"),
                longitude=Decimal(f"{20.66 + rng.random() * 0.06:.6f}"),
                place=f"ul. {rng.choice(WORDS).capitalize()} {rng.randint(1, 99)}",
                estimated_cost=Decimal(rng.randrange(5, 500) * 1000),
                official_cost=Decimal(rng.randrange(5, 500) * 1000),
                status=stages[i % len(stages)],
                created_at=now - 2 * year,
            )
            for i in range(funded)
        ],
    )
    _in_batches(
        StatusChange,
        [StatusChange(proposal=p, status=p.status, created_at=now - year) for p in projects],
    )
    # A stand-in for the counted result (no ballots: the edition is only read back).
    result = ResultSnapshot.objects.create(
        consultation=edition,
        method=edition.voting_method,
        computed_at=now - year,
        published_at=now - year,
        code_version="bench",
        ballots_checksum="",
        csv_checksum="",
        figures={},
        ballots={},
    )
    opened = records_open_for_result(consultation=edition, result=result, now=now - year)
    # Carry the records to their projects' stages: dates planned, steps done, money spent.
    progress = {
        Proposal.Status.SELECTED: (Status.PLANNED, 0, 0),
        Proposal.Status.IN_PROGRESS: (Status.IN_PROGRESS, 50, 3),
        Proposal.Status.IMPLEMENTED: (Status.DONE, 100, 5),
    }
    records = list(Implementation.objects.filter(proposal__consultation=edition))
    stage_of = {p.pk: p.status for p in projects}
    steps = []
    for record in records:
        status, percent, done = progress[stage_of[record.proposal_id]]
        record.status, record.percent_done = status, percent
        record.money_spent = (record.money_planned or 0) * percent / 100
        for position, step in enumerate(record.milestones.all()):
            step.planned_on = (now - year + (position + 1) * 60 * DAY).date()
            step.done_on = step.planned_on if position < done else None
            steps.append(step)
    Implementation.objects.bulk_update(records, ["status", "percent_done", "money_spent"])
    Milestone.objects.bulk_update(steps, ["planned_on", "done_on"])
    return {"edition": edition, "records": opened, "milestones": len(steps)}


DAY = datetime.timedelta(days=1)


def content_urls() -> dict:
    """The paths of the bench centre's content pages (bench/run.py loads them)."""
    from consultations.models import ConsultationPage
    from events.models import ActivityIndexPage, ActivityPage
    from home.models import CentrePage, NewsIndexPage, NewsPage
    from initiatives.models import Initiative, InitiativeIndexPage
    from rooms.models import Room, RoomIndexPage

    centre = CentrePage.objects.get(slug=CENTRE_SLUG)
    urls = {"centre": centre.url}
    edition = ConsultationPage.objects.filter(slug=EDITION_SLUG).first()
    if edition is not None:  # the past edition's records (the bench consultation has none)
        urls["implementation"] = edition.url + "realizacja/"
    news = NewsIndexPage.objects.child_of(centre).first()
    if news is not None:
        urls["news"] = news.url
        item = NewsPage.objects.child_of(news).order_by("-date", "pk").first()
        if item is not None:
            urls["news_item"] = item.url
    activities = ActivityIndexPage.objects.child_of(centre).first()
    if activities is not None:
        urls["activities"] = activities.url
        first = ActivityPage.objects.child_of(activities).order_by("pk").first()
        if first is not None:
            urls["activity"] = first.url
    rooms = RoomIndexPage.objects.child_of(centre).first()
    if rooms is not None:
        urls["rooms"] = rooms.url
        room = Room.objects.filter(centre=centre).order_by("pk").first()
        if room is not None:
            urls["room_week"] = rooms.url + rooms.reverse_subpage("room", args=[room.pk])
    initiatives = InitiativeIndexPage.objects.child_of(centre).first()
    if initiatives is not None:
        urls["initiatives"] = initiatives.url
        initiative = Initiative.objects.filter(index=initiatives).order_by("pk").first()
        if initiative is not None:
            urls["initiative"] = initiatives.sub_url("detail", pk=initiative.pk)
    return urls


def reset(consultation) -> None:
    """Delete the benchmark's rows (ballots, proposals and what hangs off them, users)."""
    from django.db import connection

    from accounts.models import User
    from proposals.models import Comment, Follow, Pledge, Proposal, StatusChange, Support
    from voting.models import Ballot, BallotChoice, Participation, ResultSnapshot

    using = connection.alias
    from initiatives.models import Initiative

    Initiative.objects.filter(centre__slug=CENTRE_SLUG).delete()  # started by bench users
    from implementation.models import Implementation

    edition = {"consultation__slug": EDITION_SLUG}
    Implementation.objects.filter(proposal__consultation__slug=EDITION_SLUG).delete()
    StatusChange.objects.filter(proposal__consultation__slug=EDITION_SLUG)._raw_delete(using)
    Proposal.objects.filter(**edition).delete()
    ResultSnapshot.objects.filter(**edition).delete()
    # A result published by an earlier tier would stand in for this tier's (publish refuses).
    ResultSnapshot.objects.filter(consultation=consultation).delete()
    BallotChoice.objects.filter(ballot__consultation=consultation)._raw_delete(using)
    Ballot.objects.filter(consultation=consultation)._raw_delete(using)
    Participation.objects.filter(consultation=consultation)._raw_delete(using)
    mine = {"proposal__consultation": consultation}
    Comment.objects.filter(parent__isnull=False, **mine)._raw_delete(using)
    for model in (Comment, Support, Pledge, Follow, StatusChange):
        model.objects.filter(**mine)._raw_delete(using)
    Proposal.objects.filter(consultation=consultation).delete()
    users = User.objects.filter(email__endswith="@" + EMAIL_DOMAIN)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user__in=users)._raw_delete(using)
    users.delete()


def _in_batches(model, rows: list, **kwargs) -> list:
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH], **kwargs)
    return created


def make_users(count: int) -> list:
    """Create `count` residents with the known password and a confirmed email address."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = make_password(BENCH_PASSWORD)  # hashed once: the same hash for everyone
    users = _in_batches(
        User,
        [
            User(
                email=f"resident{i}@{EMAIL_DOMAIN}",
                display_name=f"Mieszkaniec {i}",
                password=password,
            )
            for i in range(count)
        ],
    )
    _in_batches(
        EmailAddress,
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
    )
    return users


def generate(
    *,
    proposals: int,
    comments: int,
    supports: int,
    ballots: int,
    users: int | None = None,
    seed: int = 2026,
    do_reset: bool = False,
    on_ballot: int = 60,
) -> dict:
    """Create the data set and return what was made; refuses to add to an existing one."""
    from django.db import transaction
    from django.utils import timezone

    from config.cache_versions import pages_changed
    from proposals.models import Comment, Proposal, StatusChange, Support
    from voting.models import Ballot, BallotChoice, Channel, Participation
    from voting.services.voting import voter_key

    rng = random.Random(seed)
    users = max(users or 0, ballots, 1)
    if supports > proposals * users:
        raise SystemExit(f"{supports} supports need more than {proposals} × {users} pairs")
    timer = Timer()
    with transaction.atomic():
        consultation = bench_consultation()
        if do_reset:
            reset(consultation)
            timer.step("reset")
        elif consultation.proposals.exists():
            raise SystemExit("The benchmark consultation has data already: add --reset.")
        people = make_users(users)
        timer.step(f"{users} users")

        categories = list(consultation.categories.all())
        # A civic budget puts tens of projects to the vote, whatever the number of ideas:
        # `on_ballot` proposals (spread over the list) are accepted, the rest are not.
        status_weights = [
            (Proposal.Status.SUBMITTED, 3),
            (Proposal.Status.UNDER_REVIEW, 1),
            (Proposal.Status.REJECTED, 1),
        ]
        statuses = [s for s, w in status_weights for _ in range(w)]
        accepted = set(rng.sample(range(proposals), min(on_ballot, proposals)))
        # Plan supports and comments first, so each proposal is created with its counters.
        support_pairs = rng.sample(range(proposals * users), supports) if proposals else []
        supports_per = [0] * proposals
        for pair in support_pairs:
            supports_per[pair // users] += 1
        top_count = comments - comments // 3
        top_targets = [rng.randrange(proposals) for _ in range(top_count)] if proposals else []
        reply_parents = (
            [rng.randrange(top_count) for _ in range(comments - top_count)] if top_count else []
        )
        comments_per = [0] * proposals
        for target in top_targets:
            comments_per[target] += 1
        for parent in reply_parents:
            comments_per[top_targets[parent]] += 1

        now = timezone.now()
        rows = []
        for i in range(proposals):
            status = Proposal.Status.ACCEPTED if i in accepted else rng.choice(statuses)
            rows.append(
                Proposal(
                    consultation=consultation,
                    author=people[rng.randrange(users)],
                    title=f"{_sentence(rng, 4)} nr {i}",
                    body=_sentence(rng, 60),
                    category=rng.choice(categories) if categories else None,
                    latitude=Decimal(f"{49.6 + rng.random() * 0.05:.6f}"),
                    longitude=Decimal(f"{20.66 + rng.random() * 0.06:.6f}"),
                    place=f"ul. {rng.choice(WORDS).capitalize()} {rng.randint(1, 99)}",
                    estimated_cost=Decimal(rng.randrange(5, 500) * 1000),
                    official_cost=Decimal(rng.randrange(5, 500) * 1000),
                    status=status,
                    supports_count=supports_per[i],
                    comments_count=comments_per[i],
                    created_at=now - datetime.timedelta(minutes=proposals - i),
                )
            )
        made = _in_batches(Proposal, rows)
        timer.step(f"{proposals} proposals")
        _in_batches(
            StatusChange,
            [StatusChange(proposal=p, status=p.status, created_at=p.created_at) for p in made],
        )
        timer.step("status history")

        _in_batches(
            Support,
            [
                Support(proposal=made[pair // users], user=people[pair % users])
                for pair in support_pairs
            ],
        )
        timer.step(f"{supports} supports")

        top = _in_batches(
            Comment,
            [
                Comment(
                    proposal=made[target],
                    author=people[rng.randrange(users)],
                    body=_sentence(rng, 20),
                )
                for target in top_targets
            ],
        )
        _in_batches(
            Comment,
            [
                Comment(
                    proposal_id=top[parent].proposal_id,
                    parent=top[parent],
                    author=people[rng.randrange(users)],
                    body=_sentence(rng, 12),
                )
                for parent in reply_parents
            ],
        )
        timer.step(f"{comments} comments ({len(reply_parents)} replies)")

        on_ballot = [p for p in made if p.status == Proposal.Status.ACCEPTED]
        if ballots and on_ballot:
            voters = people[:ballots]
            _in_batches(
                Participation,
                [
                    Participation(consultation=consultation, user=u, channel=Channel.ONLINE)
                    for u in voters
                ],
            )
            papers = [
                Ballot(
                    consultation=consultation,
                    voter_key=voter_key(u, consultation),
                    channel=Channel.ONLINE,
                )
                for u in voters
            ]
            _in_batches(Ballot, papers)
            most = min(consultation.max_choices or 1, len(on_ballot))
            _in_batches(
                BallotChoice,
                [
                    BallotChoice(ballot=paper, proposal=choice)
                    for paper in papers
                    for choice in rng.sample(on_ballot, rng.randint(1, most))
                ],
            )
            timer.step(f"{ballots} ballots")
        centre_content(consultation, people, rng)
        timer.step("news, activities, rooms and initiatives")
        edition = past_edition(consultation, people, rng, funded=FUNDED_RECORDS)
        timer.step(
            f"past edition: {edition['records']} implementation records,"
            f" {edition['milestones']} milestones"
        )
        pages_changed(edition["edition"].pk)
        pages_changed(consultation.pk, listings=True)  # cached anonymous pages: old data
    from django.db import connection

    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no planner statistics until autovacuum gets to them; a
        # site that grew over months has them. Measure that site, not the first minute.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        timer.step("ANALYZE")
    log(f"done in {timer.total():.1f} s")
    return {"consultation": consultation, "users": users, "proposals": proposals}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--supports", type=int, default=10000)
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--users", type=int, default=500, help="at least --ballots")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--on-ballot", type=int, default=60, help="accepted proposals, the options of the vote"
    )
    parser.add_argument("--preset", choices=sorted(PRESETS), help="a named size (overrides)")
    parser.add_argument("--reset", action="store_true", help="delete earlier benchmark data")
    args = parser.parse_args(argv)
    if args.preset:
        for name, value in PRESETS[args.preset].items():
            setattr(args, name, value)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    log(
        f"generating: {args.users} users, {args.proposals} proposals, {args.comments} comments,"
        f" {args.supports} supports, {args.ballots} ballots (seed {args.seed})"
    )
    generate(
        proposals=args.proposals,
        comments=args.comments,
        supports=args.supports,
        ballots=args.ballots,
        users=args.users,
        seed=args.seed,
        do_reset=args.reset,
        on_ballot=args.on_ballot,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
