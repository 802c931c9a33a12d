"""Demo proposals for each live consultation, made through the same services residents use."""

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts import roles
from accounts.models import Verification
from accounts.services import residency
from consultations.models import ConsultationPage
from demo.people import DEMO_PASSWORD
from proposals.models import Proposal
from proposals.services import discussion, engagement, status
from proposals.services.submission import proposal_submit

RESIDENT_NAMES = [
    "Basia z Wólek",
    "Pan Marek",
    "Kasia i Tomek",
    "Seniorka Helena",
    "Rowerzysta Adam",
    "Mama Zosi",
    "Sąsiad z trzeciego piętra",
    "Ola",
    "Pan Zdzisław",
    "Młodzieżowa Rada",
    "Ania spod szkoły",
    "Działkowiec Jan",
    "Magda z psem",
    "Student Bartek",
    "Pani Krysia",
]

# (category, title, body, estimated cost in zł or None)
IDEAS = [
    (
        "Czystość",
        "Więcej koszy na śmieci przy przystankach",
        "Przy przystankach brakuje koszy, więc śmieci lądują na trawniku. Proponuję postawić "
        "kosze z daszkiem przy każdym przystanku na osiedlu.",
        12000,
    ),
    (
        "Czystość",
        "Pojemniki do segregacji przy blokach",
        "Przy naszych blokach są tylko pojemniki na odpady zmieszane. Chcemy segregować, ale "
        "najbliższe pojemniki są daleko.",
        18000,
    ),
    (
        "Czystość",
        "Stacja z woreczkami dla psów w parku",
        "W parku przydałyby się dystrybutory woreczków i kosze. Będzie czyściej dla wszystkich.",
        6000,
    ),
    (
        "Plac zabaw",
        "Remont starego placu zabaw przy szkole",
        "Huśtawki są zardzewiałe, a piaskownica bez piasku. Dzieci nie mają gdzie się bawić. "
        "Prosimy o nowe urządzenia i miękką nawierzchnię.",
        150000,
    ),
    (
        "Plac zabaw",
        "Cień na placu zabaw",
        "Latem na placu zabaw nie da się wytrzymać. "
        "Proponujemy posadzić drzewa i rozpiąć żagle przeciwsłoneczne.",
        25000,
    ),
    (
        "Plac zabaw",
        "Ławki dla rodziców przy placu zabaw",
        "Rodzice i dziadkowie stoją godzinami. Kilka ławek z oparciem bardzo by pomogło.",
        8000,
    ),
    (
        "Transport",
        "Autobus w niedziele do szpitala",
        "W niedziele nie da się dojechać autobusem do szpitala. Prosimy o choć kilka kursów.",
        None,
    ),
    (
        "Transport",
        "Wiata na przystanku przy przychodni",
        "Starsze osoby czekają na autobus w deszczu. Potrzebna wiata z ławką.",
        30000,
    ),
    (
        "Transport",
        "Stojaki na rowery przy centrum",
        "Nie ma gdzie bezpiecznie zostawić roweru. Proponuję 10 stojaków "
        "w kształcie odwróconego U.",
        7000,
    ),
    (
        "Transport",
        "Rozkład jazdy czytelny dla seniorów",
        "Rozkłady na przystankach mają bardzo małe litery. Prosimy o większy druk.",
        3000,
    ),
    (
        "Zieleń",
        "Łąka kwietna zamiast trawnika",
        "Zamiast koszonego trawnika przy bloku "
        "proponujemy łąkę kwietną. Mniej koszenia, więcej owadów i kwiatów.",
        5000,
    ),
    (
        "Zieleń",
        "Nowe drzewa wzdłuż ulicy",
        "Po wycince ulica jest pusta i gorąca. "
        "Posadźmy razem drzewa — mieszkańcy chętnie pomogą je podlewać.",
        40000,
    ),
    (
        "Zieleń",
        "Ogród społeczny na podwórku",
        "Chcemy wspólnie uprawiać warzywa i zioła na nieużywanym kawałku podwórka.",
        9000,
    ),
    (
        "Bezpieczeństwo",
        "Oświetlenie ścieżki do parku",
        "Ścieżka do parku jest wieczorem zupełnie ciemna. Potrzebne są latarnie.",
        60000,
    ),
    (
        "Bezpieczeństwo",
        "Bezpieczne przejście przy szkole",
        "Kierowcy jeżdżą szybko obok szkoły. Proponujemy wyniesione przejście i znak.",
        45000,
    ),
    (
        "Bezpieczeństwo",
        "Lustro drogowe przy wyjeździe z osiedla",
        "Przy wyjeździe z osiedla nic nie widać. Lustro zapobiegłoby wypadkom.",
        2500,
    ),
]
OUTSIDE_BODY = "spółka komunalna odpowiadająca za odbiór odpadów"


def _residents(centre: ConsultationPage, created: list[str], town: str = "") -> list:
    """The demo's residents; `town` gives another town its own people (one residence each)."""
    User = get_user_model()
    residents_group = roles.global_groups_ensure()["residents"]
    people = []
    for number, name in enumerate(RESIDENT_NAMES, start=1):
        email = f"sasiad{town}{number:02d}@mam.example.org"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            user.groups.add(residents_group)
            created.append(email)
        people.append(user)
    return people


def _ensure_verified(people, centre, staff) -> None:
    verified = set(
        Verification.objects.active().filter(centre=centre).values_list("user_id", flat=True)
    )
    for person in people:
        if person.pk not in verified:
            residency.verification_grant(
                user=person, centre=centre, method=Verification.Method.IN_PERSON, by=staff
            )


def ensure_proposals(admin) -> int:
    """About 30 varied proposals per live demo consultation; none when it already has some."""
    created_users: list[str] = []
    count = 0
    for consultation in ConsultationPage.objects.live().specific():
        phase = consultation.phase_at()
        if phase is None or phase.kind != phase.Kind.PROPOSALS:
            continue  # residents can only propose while the proposals phase runs
        if Proposal.objects.filter(consultation=consultation).exists():
            continue
        centre = consultation.centre
        official = (
            get_user_model()
            .objects.filter(groups=roles.centre_groups_ensure(centre)[roles.OFFICIAL])
            .first()
            or admin
        )
        # Nowy Sącz's residents vote in its budgets; another town's verified people are its own.
        town = "" if centre is None or centre.slug == "nowy-sacz" else f".{centre.slug}"
        people = _residents(consultation, created_users, town=town)
        if consultation.eligibility == ConsultationPage.Eligibility.VERIFIED:
            _ensure_verified(people, centre, official)
        count += _seed_consultation(consultation, people, official)
    return count


def _seed_consultation(consultation, people, official) -> int:
    rng = random.Random(consultation.slug)  # the same demo on every machine  # noqa: S311
    proposals = _submit_ideas(consultation, people, rng)
    _engage(proposals, people, rng)
    _answer(proposals, official)
    return len(proposals)


def _submit_ideas(consultation, people, rng: random.Random) -> list:
    """Thirty proposals from IDEAS, spread over the days the proposals phase has been open."""
    categories = {category.name: category for category in consultation.categories.all()}
    centre = consultation.centre
    districts = list(centre.districts.order_by("sort_order", "pk")) if centre else []
    lat0 = float(consultation.map_latitude or 0)
    lon0 = float(consultation.map_longitude or 0)
    now = timezone.now()
    phase = consultation.phase_at(now)
    # Spread the submissions over the days the proposals phase has been open.
    start = max(phase.starts_at, now - datetime.timedelta(days=9))
    step = (now - start) / 31
    proposals = []
    for number in range(30):
        category_name, title, body, cost = IDEAS[number % len(IDEAS)]
        if number >= len(IDEAS):
            title = (
                f"{title} – {['druga lokalizacja', 'osiedle północ', 'okolice rynku'][number % 3]}"
            )
        with_point = lat0 and number % 4 != 3
        proposal = proposal_submit(
            consultation=consultation,
            author=people[number % len(people)],
            title=title,
            body=body,
            category=categories.get(category_name),
            latitude=Decimal(f"{lat0 + rng.uniform(-0.012, 0.012):.6f}") if with_point else None,
            longitude=Decimal(f"{lon0 + rng.uniform(-0.018, 0.018):.6f}") if with_point else None,
            place="" if with_point else "okolice centrum, przy głównym skrzyżowaniu",
            # Every fifth proposal names no district, as residents sometimes do not know it.
            district=districts[number % len(districts)] if districts and number % 5 else None,
            estimated_cost=Decimal(cost) if cost else None,
            now=start + step * (number + 1),
        )
        proposals.append(proposal)
    return proposals


def _engage(proposals: list, people: list, rng: random.Random) -> None:
    """Supports on every proposal, comments with the author's reply on every third, offers of
    help on every fifth."""
    for index, proposal in enumerate(proposals):
        supporters = rng.sample(people, k=rng.randint(0, len(people) - 1))
        for person in supporters:
            if person != proposal.author:
                engagement.support_add(proposal=proposal, user=person)
        if index % 3 == 0:
            commenter = people[(index + 5) % len(people)]
            comment = discussion.comment_add(
                proposal=proposal,
                author=commenter,
                body="Popieram! Codziennie tędy chodzę i widzę, że to potrzebne.",
            )
            discussion.comment_add(
                proposal=proposal,
                author=proposal.author,
                body="Dziękuję. Zapraszam na spotkanie w centrum, omówimy szczegóły.",
                parent=comment,
            )
        if index % 5 == 0:
            engagement.pledge_add(
                proposal=proposal,
                user=people[(index + 7) % len(people)],
                note="Mogę pomóc w sobotę przy sadzeniu i sprzątaniu.",
            )


def _answer(proposals: list, official) -> None:
    """The centre's answers: two under review (one then accepted), one rejected, one
    forwarded to an outside body."""
    answers = [
        (1, "under_review", "Dziękujemy. Sprawdzamy, czy to możliwe i ile by kosztowało."),
        (2, "under_review", "Przekazaliśmy pomysł do wydziału inwestycji."),
        (4, "rejected", "Ten teren nie należy do miasta, więc nie możemy tu nic zbudować."),
    ]
    for index, new_status, answer in answers:
        status.status_change(
            proposal=proposals[index], status=new_status, answer=answer, by=official
        )
    status.status_change(
        proposal=proposals[1],
        status="accepted",
        answer="Pomysł trafia do głosowania.",
        by=official,
    )
    status.forward_to_body(
        proposal=proposals[2],
        body_name=OUTSIDE_BODY,
        answer_due=timezone.localdate() + datetime.timedelta(days=14),
        by=official,
    )
