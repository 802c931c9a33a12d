"""Fill a database with a benchmark consultation: `python -m bench.generate --proposals 10000 ...`.

Everything is made with bulk inserts in batches, reproducibly from `--seed`; the counters on
proposals (supports, comments) are computed from the rows written, so they agree with them.
The consultation is in its voting phase (approval vote), so ballots can be cast in the load
run. Users get one known password (BENCH_PASSWORD) and a confirmed email address.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

from bench import participation
from bench.bulk import in_batches
from bench.consultation import bench_consultation
from bench.content import centre_content
from bench.edition import FUNDED_RECORDS, past_edition
from bench.names import (
    BENCH_PASSWORD,
    CENTRE_SLUG,
    EDITION_SLUG,
    EMAIL_DOMAIN,
)

PRESETS = {
    # A common peer benchmark's size: 500 users, 2,000 proposals, 20,000 supports,
    # 10,000 comments of which a third are replies.
    "peer": {"users": 500, "proposals": 2000, "supports": 20000, "comments": 10000, "ballots": 0},
}


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
    # Publishing an earlier tier's result opened records for its funded projects (they protect
    # their proposals): the run's second tier failed to start without this.
    Implementation.objects.filter(proposal__consultation=consultation).delete()
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


def make_users(count: int) -> list:
    """Create `count` residents with the known password and a confirmed email address."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = make_password(BENCH_PASSWORD)  # hashed once: the same hash for everyone
    users = in_batches(
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
    in_batches(
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

    from config.cache_versions import pages_changed

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
        _participation(
            consultation,
            people,
            rng,
            timer,
            proposals=proposals,
            comments=comments,
            supports=supports,
            ballots=ballots,
            on_ballot=on_ballot,
        )
        centre_content(consultation, people, rng)
        timer.step("news, activities, rooms and initiatives")
        edition = past_edition(consultation, people, rng, funded=FUNDED_RECORDS)
        timer.step(
            f"past edition: {edition['records']} implementation records,"
            f" {edition['milestones']} milestones"
        )
        pages_changed(edition["edition"].pk)
        pages_changed(consultation.pk, listings=True)  # cached anonymous pages: old data
    _analyze(timer)
    log(f"done in {timer.total():.1f} s")
    return {"consultation": consultation, "users": users, "proposals": proposals}


def _participation(
    consultation, people, rng, timer, *, proposals, comments, supports, ballots, on_ballot
) -> None:
    """Proposals, their status history, supports, comments and ballots, in this order (the
    same seed draws the same data)."""
    from proposals.models import Proposal

    # Plan supports and comments first, so each proposal is created with its counters.
    planned = participation.plan(
        rng,
        proposals=proposals,
        users=len(people),
        supports=supports,
        comments=comments,
        on_ballot=on_ballot,
    )
    made = participation.add_proposals(consultation, people, rng, planned)
    timer.step(f"{proposals} proposals")
    participation.add_status_history(made)
    timer.step("status history")
    participation.add_supports(made, people, planned)
    timer.step(f"{supports} supports")
    participation.add_comments(made, people, rng, planned)
    timer.step(f"{comments} comments ({len(planned.reply_parents)} replies)")
    options = [p for p in made if p.status == Proposal.Status.ACCEPTED]
    if ballots and options:
        participation.add_ballots(consultation, people[:ballots], options, rng)
        timer.step(f"{ballots} ballots")


def _analyze(timer) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no planner statistics until autovacuum gets to them; a
        # site that grew over months has them. Measure that site, not the first minute.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        timer.step("ANALYZE")


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
